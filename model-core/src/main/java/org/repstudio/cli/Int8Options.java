package org.repstudio.cli;

import picocli.CommandLine.Option;

/** The export options of static INT8 (a mixin of {@code export}, so that command stays small). */
final class Int8Options {

    @Option(names = "--int8", description = "with --fused: static INT8 in the QDQ form (per-channel weights, "
            + "per-tensor activations calibrated on --calibrate DATA)")
    boolean int8;

    @Option(names = "--calibrate", paramLabel = "DATA",
            description = "with --int8: images for the activation ranges, as for train --data (builtin, mnist:DIR, ...), "
                    + "or random (Gaussian images of the design's input shape: for timing only)")
    String data;

    @Option(names = "--calibration", paramLabel = "METHOD",
            description = "with --int8: minmax or percentile:P (e.g. percentile:99.99); default ${DEFAULT-VALUE}")
    String method = "minmax";

    @Option(names = "--calibration-batches", paramLabel = "N",
            description = "with --int8: batches of the training split measured; default ${DEFAULT-VALUE}")
    int batches = 8;

    @Option(names = "--calibration-batch", paramLabel = "B",
            description = "with --int8: images per calibration batch; default ${DEFAULT-VALUE}")
    int batchSize = 32;

    @Option(names = "--evaluate", description = "with --int8: top-1 accuracy of the float and INT8 fused models on the "
            + "test split in ONNX Runtime, and their agreement")
    boolean evaluate;

    @Option(names = "--bench", paramLabel = "REPS", description = "with --int8: INT8 vs float latency in ONNX Runtime, "
            + "REPS runs each, interleaved, batch 1, 2 threads (0: no bench); default ${DEFAULT-VALUE}")
    int benchReps;

    boolean requested() {
        return int8 || data != null;
    }
}
