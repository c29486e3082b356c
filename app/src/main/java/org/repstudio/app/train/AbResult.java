package org.repstudio.app.train;

/**
 * The A/B comparison: the re-param block trained, then fused, against the plain block of the same fused
 * shape trained from scratch with the same seed and budget. Both deploy as the same network, so they cost
 * the same at inference; accuracies 0..1, latencies in ms per single image.
 */
public record AbResult(String run, double reparamAccuracy, double plainAccuracy, double reparamLatencyMs,
                       double plainLatencyMs) {

    /** Accuracy gain of re-parameterization in percentage points. */
    public double gainPoints() {
        return 100 * (reparamAccuracy - plainAccuracy);
    }
}
