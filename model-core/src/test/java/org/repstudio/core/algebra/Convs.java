package org.repstudio.core.algebra;

import java.util.Random;

/** Random convs and inputs for the algebra tests. */
final class Convs {

    private Convs() {
    }

    static Tensor random(Random rnd, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return t;
    }

    static AffineConv conv(Random rnd, int in, int out, int kh, int kw, int stride, Padding pad, int dil, int groups) {
        return new AffineConv(random(rnd, out, in / groups, kh, kw), random(rnd, out), stride, stride, pad, dil, dil,
                groups);
    }

    static Tensor add(Tensor a, Tensor b) {
        double[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += b.data()[i];
        }
        return new Tensor(a.shape(), d);
    }

    /** Reference zero padding of a [N,C,H,W] tensor, or padding with a per-channel value. */
    static Tensor pad(Tensor x, Padding p, double[] fill) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int nh = h + p.top() + p.bottom();
        int nw = w + p.left() + p.right();
        Tensor y = Tensor.zeros(n, c, nh, nw);
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < nh; i++) {
                    for (int j = 0; j < nw; j++) {
                        int si = i - p.top();
                        int sj = j - p.left();
                        double v = fill == null ? 0 : fill[ch];
                        if (si >= 0 && si < h && sj >= 0 && sj < w) {
                            v = x.data()[((b * c + ch) * h + si) * w + sj];
                        }
                        y.data()[((b * c + ch) * nh + i) * nw + j] = v;
                    }
                }
            }
        }
        return y;
    }
}
