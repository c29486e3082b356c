package org.repstudio.core.train;

import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The record of one training run, kept so runs can be overlaid and compared: what was trained
 * ({@code graph}, the harness), how it ended, the per-step losses and per-epoch metrics, the trained
 * weights (always consistent: after a finished step), throughput, and the device it really ran on.
 */
public record TrainingRun(String label, Graph graph, TrainConfig config, String dataset, RunStatus status,
                          String message, List<Double> stepLosses, List<EpochMetrics> epochs, Weights weights,
                          double imagesPerSecond, double trainSeconds, String device, String deviceNotice) {

    public TrainingRun {
        stepLosses = List.copyOf(stepLosses);
        epochs = List.copyOf(epochs);
    }

    /** Test accuracy after the last finished epoch, NaN when none finished. */
    public double lastTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
