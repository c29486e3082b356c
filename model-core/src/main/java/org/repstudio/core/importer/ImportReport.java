package org.repstudio.core.importer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate of an import-and-fuse: the fused file and the user's original file ran in ONNX Runtime on
 * the same inputs (random ones, and the user's own when given).
 *
 * @param opsBefore      ONNX op counts of the original file
 * @param opsAfter       ONNX op counts of the fused file
 * @param regions        every region that has something to fuse, in graph order
 * @param refusals       regions no exact fusion exists for, with the reason
 * @param maxAbsDiff     max |fused - original| over the outputs of all inputs
 * @param maxRelDiff     maxAbsDiff / max |original|
 * @param firstDiverging the first region (in graph order) whose output differs beyond the tolerance
 * @param inputs         what the outputs were compared on, e.g. "random N(0,1) [2, 3, 32, 32], seed 42"
 * @param millis         time of each phase: import, fuse, export, certify
 */
public record ImportReport(String source, int opset, int opaqueNodes, Map<String, Integer> opsBefore,
                           Map<String, Integer> opsAfter, List<RegionReport> regions, List<String> refusals,
                           double maxAbsDiff, double maxRelDiff, double tolerance, Optional<String> firstDiverging,
                           List<String> inputs, String ortVersion, Map<String, Double> millis) {

    /** NaN fails too. */
    public boolean withinTolerance() {
        return maxRelDiff <= tolerance;
    }

    /** True when no region had anything to fuse (an already deployed model). */
    public boolean nothingToFuse() {
        return regions.stream().noneMatch(RegionReport::fused);
    }

    public int nodesBefore() {
        return opsBefore.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int nodesAfter() {
        return opsAfter.values().stream().mapToInt(Integer::intValue).sum();
    }
}
