package org.repstudio.core.algebra;


/**
 * The value every fusion transform works on: a convolution over zero-padded input,
 * {@code y = conv(pad0(x), weight) + bias}. Weight [out, in/groups, kH, kW], bias [out].
 */
public record AffineConv(Tensor weight, Tensor bias, int strideH, int strideW, Padding padding,
                         int dilationH, int dilationW, int groups) {

    public AffineConv {
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("weight must be [out, in/groups, kH, kW], got " + weight);
        }
        if (bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("bias must be [" + weight.dim(0) + "], got " + bias);
        }
        if (groups <= 0 || weight.dim(0) % groups != 0) {
            throw new IllegalArgumentException("groups " + groups + " do not divide " + weight.dim(0) + " outputs");
        }
    }

    public int outChannels() {
        return weight.dim(0);
    }

    public int inChannels() {
        return weight.dim(1) * groups;
    }

    public int kernelH() {
        return weight.dim(2);
    }

    public int kernelW() {
        return weight.dim(3);
    }

    /** Rows of input the kernel spans: (kH - 1) * dilationH + 1. */
    public int extentH() {
        return (kernelH() - 1) * dilationH + 1;
    }

    public int extentW() {
        return (kernelW() - 1) * dilationW + 1;
    }

    /** A 1x1, stride-1, unpadded conv: it maps each pixel on its own, so it commutes with padding. */
    public boolean isPointwise() {
        return kernelH() == 1 && kernelW() == 1 && strideH == 1 && strideW == 1 && padding.isZero();
    }

    /** A pointwise conv that only scales each channel (weight [C, 1, 1, 1], groups C). */
    public boolean isPerChannel() {
        return isPointwise() && groups == outChannels() && weight.dim(1) == 1;
    }

    public AffineConv withWeight(Tensor w, Tensor b) {
        return new AffineConv(w, b, strideH, strideW, padding, dilationH, dilationW, groups);
    }

    public AffineConv withPadding(Padding p) {
        return new AffineConv(weight, bias, strideH, strideW, p, dilationH, dilationW, groups);
    }

    /** Output height for an input of height h. */
    public int outHeight(int h) {
        return (h + padding.top() + padding.bottom() - extentH()) / strideH + 1;
    }

    public int outWidth(int w) {
        return (w + padding.left() + padding.right() - extentW()) / strideW + 1;
    }
}
