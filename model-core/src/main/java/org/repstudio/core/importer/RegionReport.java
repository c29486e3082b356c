package org.repstudio.core.importer;

import java.util.List;

/**
 * One linear region of an imported model and what fusing it did.
 *
 * @param region      the design node whose output leaves the region (named after its ONNX node)
 * @param rules       the fusion steps in order, by rule name; empty when the region was left as it was
 * @param nodesBefore design nodes in the region before fusion
 * @param nodesAfter  design nodes it became (1 when fused)
 * @param macsBefore  multiply-accumulates per image of the region's ops before
 * @param macsAfter   the same after (of the fused conv, when fused)
 * @param fused       whether the fused conv is in the written model
 * @param note        why it was left unfused (costs more MACs, or refused), else empty
 * @param maxRelDiff  max |fused - original| / max |original| at the region's output, the original file and
 *                    the fused file both run in ONNX Runtime on the same input; NaN when not measured
 */
public record RegionReport(String region, List<String> rules, int nodesBefore, int nodesAfter, long macsBefore,
                           long macsAfter, boolean fused, String note, double maxRelDiff) {

    RegionReport withError(double rel) {
        return new RegionReport(region, rules, nodesBefore, nodesAfter, macsBefore, macsAfter, fused, note, rel);
    }
}
