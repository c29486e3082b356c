package org.repstudio.core.train;

/**
 * What fusing a trained model did to it, measured on the test split: accuracy unfused and fused, the
 * fraction of identical predictions, the largest logit difference and the largest logit (its scale), whether the planner fused everything
 * exactly, and the inference latency of both (median ms per batch of {@code latencyBatch}).
 */
public record Collapse(double accuracyUnfused, double accuracyFused, double predictionAgreement,
                       double maxLogitDiff, double maxAbsLogit, boolean exact, int nodesUnfused, int nodesFused, long paramsUnfused,
                       long paramsFused, double latencyUnfusedMs, double latencyFusedMs, int latencyBatch) {

    /** Largest logit difference relative to the largest logit: the float32 round-off scale, ~1e-6 when exact. */
    public double maxLogitRelDiff() {
        return maxAbsLogit > 0 ? maxLogitDiff / maxAbsLogit : maxLogitDiff;
    }

    /** Accuracy change from fusing, in percentage points (fused minus unfused). */
    public double accuracyDeltaPoints() {
        return 100 * (accuracyFused - accuracyUnfused);
    }
}
