package org.repstudio.core.algebra;


/**
 * Two convs in a row as one: {@code K = K2 (*) K1} over channels and space, {@code b = b2 + sum K2*b1}.
 * The second conv must not pad its input (move its padding onto the first with {@link PadMove},
 * which says when that is exact). The composed kernel spans {@code (k2-1)*s1 + k1} rows and strides
 * {@code s1*s2}; a pointwise conv on either side keeps the other's geometry.
 */
public final class SequentialCompose {

    private SequentialCompose() {
    }

    public static AffineConv compose(AffineConv first, AffineConv second) {
        if (second.inChannels() != first.outChannels()) {
            throw new IllegalArgumentException("second conv reads " + second.inChannels() + " channels, first makes "
                    + first.outChannels());
        }
        if (!second.padding().isZero()) {
            throw new IllegalArgumentException("second conv pads its input; move the padding first");
        }
        if (second.isPerChannel()) {
            return PerChannel.after(first, second.weight().data(), second.bias().data());
        }
        int g = GroupExpansion.gcd(first.groups(), second.groups());
        AffineConv a = GroupExpansion.expand(first, g);
        AffineConv b = GroupExpansion.expand(second, g);
        if (a.kernelH() == 1 && a.kernelW() == 1 && a.strideH() == 1 && a.strideW() == 1) {
            // a 1x1 (possibly padded by PadMove) keeps b's taps where they are
            return mix(a, b, b.strideH(), b.strideW(), a.padding(), b.dilationH(), b.dilationW());
        }
        boolean bPoint = b.kernelH() == 1 && b.kernelW() == 1;
        if (bPoint) {
            return mix(a, b, a.strideH() * b.strideH(), a.strideW() * b.strideW(), a.padding(),
                    a.dilationH(), a.dilationW());
        }
        return full(Dilation.undilate(a), Dilation.undilate(b));
    }

    /** One side is 1x1: channel product only, kernel taken from the spatial side. */
    private static AffineConv mix(AffineConv a, AffineConv b, int sh, int sw, Padding pad, int dh, int dw) {
        int g = a.groups();
        int out = b.outChannels();
        int mid = a.outChannels();
        int cin = a.inChannels();
        int midPg = mid / g;
        int inPg = cin / g;
        int outPg = out / g;
        boolean aSpatial = !(a.kernelH() == 1 && a.kernelW() == 1);
        int kh = aSpatial ? a.kernelH() : b.kernelH();
        int kw = aSpatial ? a.kernelW() : b.kernelW();
        int khw = kh * kw;
        double[] ad = a.weight().data();
        double[] bd = b.weight().data();
        int aKhw = a.kernelH() * a.kernelW();
        int bKhw = b.kernelH() * b.kernelW();
        double[] w = new double[out * inPg * khw];
        double[] bias = new double[out];
        for (int o = 0; o < out; o++) {
            int grp = o / outPg;
            double bo = b.bias().get(o);
            for (int cl = 0; cl < midPg; cl++) {
                int c = grp * midPg + cl;
                for (int t = 0; t < bKhw; t++) {
                    bo += bd[(o * midPg + cl) * bKhw + t] * a.bias().get(c);
                }
                for (int il = 0; il < inPg; il++) {
                    for (int t = 0; t < khw; t++) {
                        double bv = bd[(o * midPg + cl) * bKhw + (aSpatial ? 0 : t)];
                        double av = ad[(c * inPg + il) * aKhw + (aSpatial ? t : 0)];
                        w[(o * inPg + il) * khw + t] += bv * av;
                    }
                }
            }
            bias[o] = bo;
        }
        Tensor weight = new Tensor(new int[] {out, inPg, kh, kw}, w);
        return new AffineConv(weight, Tensor.vector(bias), sh, sw, pad, dh, dw, g);
    }

    /** Both spatial: full kernel product; the second kernel's taps are s1 apart on the input. */
    private static AffineConv full(AffineConv a, AffineConv b) {
        int g = a.groups();
        int out = b.outChannels();
        int mid = a.outChannels();
        int inPg = a.inChannels() / g;
        int midPg = mid / g;
        int outPg = out / g;
        int s1h = a.strideH();
        int s1w = a.strideW();
        int kh = (b.kernelH() - 1) * s1h + a.kernelH();
        int kw = (b.kernelW() - 1) * s1w + a.kernelW();
        double[] ad = a.weight().data();
        double[] bd = b.weight().data();
        double[] w = new double[out * inPg * kh * kw];
        double[] bias = new double[out];
        int akh = a.kernelH();
        int akw = a.kernelW();
        int bkh = b.kernelH();
        int bkw = b.kernelW();
        for (int o = 0; o < out; o++) {
            int grp = o / outPg;
            double bo = b.bias().get(o);
            for (int cl = 0; cl < midPg; cl++) {
                int c = grp * midPg + cl;
                for (int p = 0; p < bkh; p++) {
                    for (int q = 0; q < bkw; q++) {
                        double bv = bd[((o * midPg + cl) * bkh + p) * bkw + q];
                        if (bv == 0) {
                            continue;
                        }
                        bo += bv * a.bias().get(c);
                        for (int il = 0; il < inPg; il++) {
                            for (int i = 0; i < akh; i++) {
                                for (int j = 0; j < akw; j++) {
                                    int u = p * s1h + i;
                                    int v = q * s1w + j;
                                    w[((o * inPg + il) * kh + u) * kw + v] += bv * ad[((c * inPg + il) * akh + i) * akw + j];
                                }
                            }
                        }
                    }
                }
            }
            bias[o] = bo;
        }
        Tensor weight = new Tensor(new int[] {out, inPg, kh, kw}, w);
        return new AffineConv(weight, Tensor.vector(bias), s1h * b.strideH(), s1w * b.strideW(), a.padding(), 1, 1, g);
    }
}
