package org.repstudio.core.onnx;

import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.engine.Comparison;

/**
 * How an export checks itself.
 *
 * @param tolerance largest accepted max|ort - djl| / max|djl| on the check input (default 1e-6)
 * @param seed      seed of the standard-normal check input [batch, C, H, W]
 * @param batch     batch size of the check input (the model itself takes any batch)
 */
public record ExportOptions(double tolerance, long seed, int batch) {

    public ExportOptions {
        Comparison.checkedTolerance(tolerance);
        if (batch < 1) {
            throw new IllegalArgumentException("check batch must be >= 1, got " + batch);
        }
    }

    /** Tolerance 1e-6, seed 42, batch 1. */
    public static ExportOptions defaults() {
        return new ExportOptions(1e-6, RandomWeights.DEFAULT_SEED, 1);
    }

    public ExportOptions withTolerance(double t) {
        return new ExportOptions(t, seed, batch);
    }

    public ExportOptions withSeed(long s) {
        return new ExportOptions(tolerance, s, batch);
    }

    public ExportOptions withBatch(int b) {
        return new ExportOptions(tolerance, seed, b);
    }
}
