package org.repstudio.core.train;

/**
 * Sizes of the harness network put around a block design: a stem conv 3x3 (stride {@code stemStride})
 * to the block's input width, {@code copies} copies of the block, then global pooling and a linear
 * classifier. The defaults keep one epoch of the built-in dataset well under a minute on two CPU cores.
 */
public record HarnessSpec(int copies, int stemStride) {

    public static final HarnessSpec DEFAULT = new HarnessSpec(2, 2);

    public HarnessSpec {
        if (copies < 1 || copies > 64) {
            throw new IllegalArgumentException("copies must be in 1..64, got " + copies);
        }
        if (stemStride < 1 || stemStride > 4) {
            throw new IllegalArgumentException("stem stride must be in 1..4, got " + stemStride);
        }
    }
}
