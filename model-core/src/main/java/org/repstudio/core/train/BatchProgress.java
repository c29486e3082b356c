package org.repstudio.core.train;

/**
 * Progress after one training step: position in the run, the step's loss and accuracy on its batch,
 * throughput so far and an estimate of the seconds left. {@code step} counts from 1 to {@code totalSteps}.
 */
public record BatchProgress(int epoch, int batch, int batchesPerEpoch, int step, int totalSteps, double loss,
                            double accuracy, double learningRate, double imagesPerSecond, double etaSeconds) {

    /** Fraction of the run done, 0..1 (for a progress bar). */
    public double fraction() {
        return (double) step / totalSteps;
    }
}
