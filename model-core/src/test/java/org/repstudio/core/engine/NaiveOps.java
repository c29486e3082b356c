package org.repstudio.core.engine;

import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.ReferenceOps;

/**
 * Reference implementations of each op as plain loops in float64, written from the definitions, to check
 * the DJL kernels against (the linear ops are the fusion reference's own {@link ReferenceOps}). Feature maps
 * [N, C, H, W]; flat tensors [N, F].
 */
final class NaiveOps {

    private NaiveOps() {
    }

    /** Rounds every value to float32, as the engine sees it. */
    static Tensor f32(Tensor t) {
        return Tensor.fromFloats(t.shape(), t.toFloats());
    }

    /** Conv with weight [O, C/groups, kh, kw]; bias [O] or null; padding reads zeros. */
    static Tensor conv(Tensor x, Tensor w, Tensor bias, int sh, int sw, Padding p, int dh, int dw, int groups) {
        return ReferenceOps.conv(x, w, bias, sh, sw, p, dh, dw, groups);
    }

    /** Inference BatchNorm: (x - mean) / sqrt(var + eps) * gamma + beta per channel. */
    static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        return ReferenceOps.batchNorm(x, gamma, beta, mean, var, eps);
    }

    /** beta - mean * gamma / sqrt(var + eps), the constant a BatchNorm adds per channel. */
    static double batchNormBias(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, int c) {
        return beta.get(c) - mean.get(c) * gamma.get(c) / Math.sqrt(var.get(c) + eps);
    }

    static Tensor scale(Tensor x, Tensor s) {
        return ReferenceOps.scale(x, s);
    }

    /** Average pooling; padded zeros count in the denominator (count_include_pad), no ceil mode. */
    static Tensor avgPool(Tensor x, int kh, int kw, int sh, int sw, Padding p) {
        return ReferenceOps.avgPool(x, kh, kw, sh, sw, p);
    }

    /** Pads channel c with {@code fill[c]} (all zeros for zero padding). */
    static Tensor pad(Tensor x, Padding p, double[] fill) {
        return ReferenceOps.pad(x, p, fill);
    }

    static Tensor concat(Tensor a, Tensor b) {
        int ca = a.dim(1);
        Tensor y = Tensor.zeros(a.dim(0), ca + b.dim(1), a.dim(2), a.dim(3));
        forEach(y, (n, c, i, j) -> set(y, c < ca ? a.get(n, c, i, j) : b.get(n, c - ca, i, j), n, c, i, j));
        return y;
    }

    static Tensor add(Tensor... xs) {
        Tensor y = Tensor.zeros(xs[0].shape());
        for (Tensor x : xs) {
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] += x.get(i);
            }
        }
        return y;
    }

    static Tensor relu(Tensor x) {
        Tensor y = x.copy();
        for (int i = 0; i < y.size(); i++) {
            y.data()[i] = Math.max(0, y.data()[i]);
        }
        return y;
    }

    /** max(x, 0) + alpha[c] * min(x, 0). */
    static Tensor prelu(Tensor x, Tensor alpha) {
        Tensor y = Tensor.zeros(x.shape());
        forEach(x, (b, c, i, j) -> {
            double v = x.get(b, c, i, j);
            set(y, v >= 0 ? v : alpha.get(c) * v, b, c, i, j);
        });
        return y;
    }

    /** [N, C, H, W] to [N, C, 1, 1] means. */
    static Tensor globalAvgPool(Tensor x) {
        int h = x.dim(2), w = x.dim(3);
        Tensor y = Tensor.zeros(x.dim(0), x.dim(1), 1, 1);
        forEach(x, (b, c, i, j) -> y.data()[b * x.dim(1) + c] += x.get(b, c, i, j) / (h * w));
        return y;
    }

    /** x [N, F], weight [O, F], bias [O] or null: y = x W^T + b. */
    static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        int n = x.dim(0), f = x.dim(1), o = w.dim(0);
        Tensor y = Tensor.zeros(n, o);
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < o; k++) {
                double s = bias == null ? 0 : bias.get(k);
                for (int i = 0; i < f; i++) {
                    s += x.data()[b * f + i] * w.data()[k * f + i];
                }
                y.data()[b * o + k] = s;
            }
        }
        return y;
    }

    interface Index4 {
        void at(int b, int c, int i, int j);
    }

    static void forEach(Tensor shapeOf, Index4 body) {
        for (int b = 0; b < shapeOf.dim(0); b++) {
            for (int c = 0; c < shapeOf.dim(1); c++) {
                for (int i = 0; i < shapeOf.dim(2); i++) {
                    for (int j = 0; j < shapeOf.dim(3); j++) {
                        body.at(b, c, i, j);
                    }
                }
            }
        }
    }

    static void set(Tensor t, double v, int a, int b, int c, int d) {
        t.data()[((a * t.dim(1) + b) * t.dim(2) + c) * t.dim(3) + d] = v;
    }
}
