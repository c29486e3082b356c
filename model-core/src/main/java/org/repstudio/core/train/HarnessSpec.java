package org.repstudio.core.train;

/**
 * Sizes of the harness network put around a block design. {@link Layout#FLAT}: a stem conv 3x3 (stride
 * {@code stemStride}) to the block's input width, {@code copies} copies of the block, then global pooling
 * and a linear classifier. {@link Layout#STAGED}: the same stem, then {@code copies} stages, each but the
 * first opened by a stride-2 downsampling, with the block in every stage (see {@link StagedHarness}). The
 * defaults keep one epoch of the built-in dataset well under a minute on two CPU cores.
 */
public record HarnessSpec(int copies, int stemStride, Layout layout) {

    /** How the copies of the block are arranged. */
    public enum Layout {
        /** All copies at the stem's resolution: a small receptive field before the global pooling. */
        FLAT,
        /** One copy per stage, halving the resolution between stages so the last one sees the whole image. */
        STAGED
    }

    public static final HarnessSpec DEFAULT = new HarnessSpec(2, 2);
    /** Three stages on 32x32 (or 28x28) images: 16, 8 and 4 pixels wide, receptive field past the image. */
    public static final HarnessSpec STAGED_DEFAULT = new HarnessSpec(3, 2, Layout.STAGED);

    public HarnessSpec {
        if (copies < 1 || copies > 64) {
            throw new IllegalArgumentException("copies must be in 1..64, got " + copies);
        }
        if (stemStride < 1 || stemStride > 4) {
            throw new IllegalArgumentException("stem stride must be in 1..4, got " + stemStride);
        }
        if (layout == null) {
            throw new IllegalArgumentException("the harness layout is missing");
        }
    }

    /** The flat layout, as before stages existed. */
    public HarnessSpec(int copies, int stemStride) {
        this(copies, stemStride, Layout.FLAT);
    }
}
