package org.repstudio.core.onnx;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an export wrote and how well ONNX Runtime agreed with DJL on it.
 *
 * @param path        where the model was written; empty for an in-memory export
 * @param form        unfused or fused
 * @param opset       ONNX opset of the default domain (17)
 * @param nodeCounts  ONNX node count per op type, e.g. {Conv=22, Relu=22, ...}, sorted by op type
 * @param maxAbsDiff  max|ort - djl| on the check input
 * @param maxRelDiff  maxAbsDiff / max|djl|
 * @param tolerance   the largest maxRelDiff the export accepted
 * @param fileSize    size of the model in bytes
 * @param designHash  SHA-256 of the source design's graph ({@link DesignHash#of(org.repstudio.core.graph.Graph)})
 * @param weightsHash SHA-256 of the source design's weights
 * @param refusals    for a fused export, the regions the planner refused to fuse (left as they are), with
 *                    the reason; empty when everything fused
 * @param ortVersion  the ONNX Runtime that ran the check
 * @param outputShape shape of the check output, e.g. [1, 1000]
 */
public record ExportReport(Optional<Path> path, OnnxForm form, int opset, Map<String, Integer> nodeCounts,
                           double maxAbsDiff, double maxRelDiff, double tolerance, long fileSize, String designHash,
                           String weightsHash, List<String> refusals, String ortVersion, long[] outputShape) {

    public ExportReport {
        nodeCounts = Collections.unmodifiableMap(new TreeMap<>(nodeCounts));
        refusals = List.copyOf(refusals);
        outputShape = outputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** Number of ONNX nodes of {@code opType} ("Conv", "BatchNormalization"...). */
    public int count(String opType) {
        return nodeCounts.getOrDefault(opType, 0);
    }

    /** Total number of ONNX nodes. */
    public int nodes() {
        return nodeCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when ONNX Runtime agreed with DJL within the tolerance. */
    public boolean withinTolerance() {
        return maxRelDiff <= tolerance;
    }

    /** The same report for a model of {@code size} bytes. */
    ExportReport sized(long size) {
        return new ExportReport(path, form, opset, nodeCounts, maxAbsDiff, maxRelDiff, tolerance, size, designHash,
                weightsHash, refusals, ortVersion, outputShape);
    }

    /** The same report for the model written to {@code p}. */
    ExportReport at(Path p) {
        return new ExportReport(Optional.of(p), form, opset, nodeCounts, maxAbsDiff, maxRelDiff, tolerance, fileSize,
                designHash, weightsHash, refusals, ortVersion, outputShape);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("%s ONNX (opset %d), %d nodes %s, %d bytes; ONNX Runtime %s vs DJL: maxAbsDiff %.3e, "
                        + "maxRelDiff %.3e (tolerance %.1e)", form.label(), opset, nodes(), nodeCounts, fileSize,
                ortVersion, maxAbsDiff, maxRelDiff, tolerance);
    }
}
