package org.repstudio.core.algebra;

/**
 * Direct float64 convolution, the reference every transform is checked against:
 * x [N, C, H, W] to y [N, out, H', W'] for an {@link AffineConv}.
 */
public final class ConvApply {

    private ConvApply() {
    }

    public static Tensor apply(AffineConv c, Tensor x) {
        int n = x.dim(0);
        int cin = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        if (cin != c.inChannels()) {
            throw new IllegalArgumentException("conv expects " + c.inChannels() + " input channels, got " + cin);
        }
        int oh = c.outHeight(h);
        int ow = c.outWidth(w);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("input " + h + "x" + w + " is smaller than the kernel");
        }
        int out = c.outChannels();
        int cpg = c.weight().dim(1);
        int opg = out / c.groups();
        int kh = c.kernelH();
        int kw = c.kernelW();
        double[] xd = x.data();
        double[] wd = c.weight().data();
        double[] bd = c.bias().data();
        double[] y = new double[n * out * oh * ow];
        int pt = c.padding().top();
        int pl = c.padding().left();
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                int g = o / opg;
                int yBase = (b * out + o) * oh * ow;
                java.util.Arrays.fill(y, yBase, yBase + oh * ow, bd[o]);
                for (int ci = 0; ci < cpg; ci++) {
                    int xc = g * cpg + ci;
                    int xBase = (b * cin + xc) * h * w;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            double k = wd[((o * cpg + ci) * kh + i) * kw + j];
                            if (k == 0) {
                                continue;
                            }
                            accumulate(y, yBase, xd, xBase, k, oh, ow, h, w,
                                    i * c.dilationH() - pt, j * c.dilationW() - pl, c.strideH(), c.strideW());
                        }
                    }
                }
            }
        }
        return new Tensor(new int[] {n, out, oh, ow}, y);
    }

    private static void accumulate(double[] y, int yBase, double[] x, int xBase, double k, int oh, int ow,
                                   int h, int w, int rowOffset, int colOffset, int sh, int sw) {
        for (int r = 0; r < oh; r++) {
            int xr = r * sh + rowOffset;
            if (xr < 0 || xr >= h) {
                continue;
            }
            int xRow = xBase + xr * w;
            int yRow = yBase + r * ow;
            for (int q = 0; q < ow; q++) {
                int xq = q * sw + colOffset;
                if (xq >= 0 && xq < w) {
                    y[yRow + q] += k * x[xRow + xq];
                }
            }
        }
    }
}
