package org.repstudio.app.train;

import java.nio.file.Path;
import java.util.List;

/**
 * One row of the results table: how a run ended and, when it made steps, what fusing it did on the test
 * split (accuracy unfused and fused, identical predictions, latency of both per single image), the INT8
 * fused model's accuracy in ONNX Runtime (NaN when the INT8 step did not measure), and where
 * its trained weights and provenance were written. Accuracies are 0..1, NaN when not measured.
 */
public record RunResult(String run, TrainingStatus status, String message, String dataset, String device,
                        double accuracyUnfused, double accuracyFused, double accuracyInt8, double agreement, double latencyUnfusedMs,
                        double latencyFusedMs, double imagesPerSecond, List<Path> saved) {

    public RunResult {
        saved = List.copyOf(saved);
    }
}
