package org.repstudio.core.algebra;


/**
 * Average pooling (padded zeros counted) as a depthwise conv: {@code K[i, 0] = 1/(kH*kW)}, same stride
 * and padding.
 */
public final class AvgPoolKernel {

    private AvgPoolKernel() {
    }

    public static AffineConv asConv(int channels, int kh, int kw, int sh, int sw, Padding padding) {
        Tensor w = Tensor.filled(1.0 / (kh * kw), channels, 1, kh, kw);
        return new AffineConv(w, Tensor.zeros(channels), sh, sw, padding, 1, 1, channels);
    }
}
