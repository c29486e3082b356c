package org.repstudio.core.fusion;

import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;

/**
 * Each linear op computed straight from its definition in float64 loops, for {@link ReferenceExecutor}. It
 * shares no code with the fusion's transforms (NodeConvs, PerChannel, AvgPoolKernel, Dirac, ConvApply), so a
 * wrong transform shows up as a step error instead of being repeated by the reference. Maps [N, C, H, W].
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    /** Conv with weight [O, C/groups, kh, kw], bias [O] or null; the padding reads zeros. */
    public static Tensor conv(Tensor x, Tensor w, Tensor bias, int sh, int sw, Padding p, int dh, int dw, int groups) {
        int n = x.dim(0);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int cg = w.dim(1);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (h + p.top() + p.bottom() - ((kh - 1) * dh + 1)) / sh + 1;
        int ow = (wd + p.left() + p.right() - ((kw - 1) * dw + 1)) / sw + 1;
        int perGroupOut = o / groups;
        double[] y = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / perGroupOut;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias.get(oc);
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ki = 0; ki < kh; ki++) {
                                int r = i * sh + ki * dh - p.top();
                                if (r < 0 || r >= h) {
                                    continue;
                                }
                                for (int kj = 0; kj < kw; kj++) {
                                    int q = j * sw + kj * dw - p.left();
                                    if (q >= 0 && q < wd) {
                                        s += x.get(b, g * cg + ci, r, q) * w.get(oc, ci, ki, kj);
                                    }
                                }
                            }
                        }
                        y[((b * o + oc) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return new Tensor(new int[] {n, o, oh, ow}, y);
    }

    /** Inference BatchNorm: (x - mean) / sqrt(var + eps) * gamma + beta, per channel. */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        double[] d = x.data().clone();
        int c = x.dim(1);
        int per = x.size() / (x.dim(0) * c);
        for (int i = 0; i < d.length; i++) {
            int ch = (i / per) % c;
            d[i] = (d[i] - mean.get(ch)) / Math.sqrt(var.get(ch) + eps) * gamma.get(ch) + beta.get(ch);
        }
        return new Tensor(x.shape(), d);
    }

    /** What an inference BatchNorm outputs for a zero input, per channel: its bias-padding value. */
    public static double[] batchNormOfZero(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        double[] f = new double[gamma.size()];
        for (int c = 0; c < f.length; c++) {
            f[c] = (0 - mean.get(c)) / Math.sqrt(var.get(c) + eps) * gamma.get(c) + beta.get(c);
        }
        return f;
    }

    /** x * scale[c]. */
    public static Tensor scale(Tensor x, Tensor scale) {
        double[] d = x.data().clone();
        int c = x.dim(1);
        int per = x.size() / (x.dim(0) * c);
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale.get((i / per) % c);
        }
        return new Tensor(x.shape(), d);
    }

    /** Average pooling; padded zeros count in the denominator (count_include_pad), no ceil mode. */
    public static Tensor avgPool(Tensor x, int kh, int kw, int sh, int sw, Padding p) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int oh = (h + p.top() + p.bottom() - kh) / sh + 1;
        int ow = (wd + p.left() + p.right() - kw) / sw + 1;
        double[] y = new double[n * c * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int ki = 0; ki < kh; ki++) {
                            for (int kj = 0; kj < kw; kj++) {
                                int r = i * sh + ki - p.top();
                                int q = j * sw + kj - p.left();
                                if (r >= 0 && r < h && q >= 0 && q < wd) {
                                    s += x.get(b, ch, r, q);
                                }
                            }
                        }
                        y[((b * c + ch) * oh + i) * ow + j] = s / (kh * kw);
                    }
                }
            }
        }
        return new Tensor(new int[] {n, c, oh, ow}, y);
    }

    /** Channel c padded with {@code fill[c]}. */
    public static Tensor pad(Tensor x, Padding p, double[] fill) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int nh = h + p.top() + p.bottom();
        int nw = wd + p.left() + p.right();
        double[] y = new double[n * c * nh * nw];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < nh; i++) {
                    for (int j = 0; j < nw; j++) {
                        int r = i - p.top();
                        int q = j - p.left();
                        boolean inside = r >= 0 && r < h && q >= 0 && q < wd;
                        y[((b * c + ch) * nh + i) * nw + j] = inside ? x.get(b, ch, r, q) : fill[ch];
                    }
                }
            }
        }
        return new Tensor(new int[] {n, c, nh, nw}, y);
    }
}
