package org.repstudio.core.algebra;


/**
 * Places a kernel inside a larger zero kernel (1x1, 1xK and Kx1 to KxK). Moving the kernel down by
 * {@code top} rows and adding {@code top} rows of input padding keeps every output the same.
 */
public final class KernelPadding {

    private KernelPadding() {
    }

    /** Embeds the (undilated) kernel at row {@code top}, column {@code left} of a kh x kw kernel. */
    public static AffineConv embed(AffineConv c, int kh, int kw, int top, int left) {
        if (c.dilationH() != 1 || c.dilationW() != 1) {
            throw new IllegalArgumentException("embed needs an undilated kernel");
        }
        if (top < 0 || left < 0 || top + c.kernelH() > kh || left + c.kernelW() > kw) {
            throw new IllegalArgumentException("kernel " + c.kernelH() + "x" + c.kernelW() + " at (" + top + ","
                    + left + ") does not fit in " + kh + "x" + kw);
        }
        int out = c.outChannels();
        int cpg = c.weight().dim(1);
        Tensor w = Tensor.zeros(out, cpg, kh, kw);
        double[] src = c.weight().data();
        double[] dst = w.data();
        for (int oc = 0; oc < out * cpg; oc++) {
            for (int i = 0; i < c.kernelH(); i++) {
                for (int j = 0; j < c.kernelW(); j++) {
                    dst[(oc * kh + i + top) * kw + j + left] = src[(oc * c.kernelH() + i) * c.kernelW() + j];
                }
            }
        }
        Padding p = c.padding();
        Padding grown = new Padding(p.top() + top, p.bottom() + (kh - c.kernelH() - top),
                p.left() + left, p.right() + (kw - c.kernelW() - left));
        return new AffineConv(w, c.bias(), c.strideH(), c.strideW(), grown, 1, 1, c.groups());
    }

    /** Zero-pads the kernel to kh x kw around its centre (the sizes must differ by an even amount). */
    public static AffineConv centre(AffineConv c, int kh, int kw) {
        if ((kh - c.kernelH()) % 2 != 0 || (kw - c.kernelW()) % 2 != 0) {
            throw new NotExactException(RefusalKind.NO_KERNEL_CENTRE, "a " + c.kernelH() + "x" + c.kernelW() + " kernel has no centre inside "
                    + kh + "x" + kw);
        }
        return embed(c, kh, kw, (kh - c.kernelH()) / 2, (kw - c.kernelW()) / 2);
    }
}
