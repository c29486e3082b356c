package org.repstudio.core.algebra;

/**
 * A conv as the matrix of the linear map it is on a flattened [C, H, W] input (RepMLP's merge), built
 * from the kernel directly: each weight lands at the (output position, input position) pairs it
 * connects. Running the conv on an identity batch gives the same matrix but needs f x f doubles for f
 * inputs (8.6 GB for a 32x32x32 input); this needs only the matrix itself.
 */
public final class ConvMatrix {

    private ConvMatrix() {
    }

    /**
     * Adds the bias-free map of {@code c} on an input of {@code h x w} to {@code matrix}, row-major
     * [outputs, f] with outputs and inputs both in flattened CHW order, {@code f = C * h * w}.
     */
    public static void addTo(AffineConv c, int h, int w, double[] matrix) {
        int oh = c.outHeight(h);
        int ow = c.outWidth(w);
        int f = c.inChannels() * h * w;
        int out = c.outChannels();
        if ((long) out * oh * ow * f != matrix.length) {
            throw new IllegalArgumentException("conv gives " + (long) out * oh * ow + " values of " + f
                    + " inputs, the matrix holds " + matrix.length);
        }
        int cpg = c.weight().dim(1);
        int opg = out / c.groups();
        int kh = c.kernelH();
        int kw = c.kernelW();
        double[] wd = c.weight().data();
        for (int o = 0; o < out; o++) {
            int g = o / opg;
            for (int ci = 0; ci < cpg; ci++) {
                int xc = g * cpg + ci;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        double k = wd[((o * cpg + ci) * kh + i) * kw + j];
                        if (k != 0) {
                            place(matrix, f, k, o * oh * ow, xc * h * w, oh, ow, h, w,
                                    i * c.dilationH() - c.padding().top(), j * c.dilationW() - c.padding().left(),
                                    c.strideH(), c.strideW());
                        }
                    }
                }
            }
        }
    }

    /** Adds k at (output (r, q) of one channel, input (r*sh + rowOffset, q*sw + colOffset)) where inside. */
    private static void place(double[] m, int f, double k, int rowBase, int colBase, int oh, int ow, int h, int w,
                              int rowOffset, int colOffset, int sh, int sw) {
        for (int r = 0; r < oh; r++) {
            int xr = r * sh + rowOffset;
            if (xr < 0 || xr >= h) {
                continue;
            }
            for (int q = 0; q < ow; q++) {
                int xq = q * sw + colOffset;
                if (xq >= 0 && xq < w) {
                    m[(rowBase + r * ow + q) * f + colBase + xr * w + xq] += k;
                }
            }
        }
    }
}
