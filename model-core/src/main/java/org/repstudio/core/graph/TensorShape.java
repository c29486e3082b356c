package org.repstudio.core.graph;

/**
 * Shape of one sample (the batch is symbolic): either spatial [C, H, W] or flat [F] (then height and
 * width are 0 and {@code channels} holds F).
 */
public record TensorShape(int channels, int height, int width, boolean flat) {

    public static TensorShape spatial(int c, int h, int w) {
        return new TensorShape(c, h, w, false);
    }

    public static TensorShape flat(int features) {
        return new TensorShape(features, 0, 0, true);
    }

    /** Number of scalars per sample. */
    public long size() {
        return flat ? channels : (long) channels * height * width;
    }

    /** Shape with the batch dimension, for engines: [n, C, H, W] or [n, F]. */
    public long[] withBatch(long n) {
        return flat ? new long[] {n, channels} : new long[] {n, channels, height, width};
    }

    @Override
    public String toString() {
        return flat ? "N x " + channels : "N x " + channels + " x " + height + " x " + width;
    }
}
