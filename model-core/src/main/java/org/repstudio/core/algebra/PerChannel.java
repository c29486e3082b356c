package org.repstudio.core.algebra;


/**
 * Per-channel affine maps {@code y = s*x + t} (eval-mode BN, OREPA scale) and their conv form: a 1x1
 * depthwise conv, weight [C, 1, 1, 1], bias [C].
 */
public final class PerChannel {

    private PerChannel() {
    }

    /** BN in eval mode: s = gamma / sqrt(var + eps), t = beta - mean * s. Returns {s, t}. */
    public static double[][] ofBatchNorm(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        int c = gamma.size();
        double[] s = new double[c];
        double[] t = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = gamma.get(i) / Math.sqrt(var.get(i) + eps);
            t[i] = beta.get(i) - mean.get(i) * s[i];
        }
        return new double[][] {s, t};
    }

    /** The 1x1 depthwise conv computing s*x + t. */
    public static AffineConv asConv(double[] s, double[] t) {
        int c = s.length;
        return new AffineConv(new Tensor(new int[] {c, 1, 1, 1}, s.clone()), Tensor.vector(t),
                1, 1, Padding.NONE, 1, 1, c);
    }

    /** Applies s*y + t to the output of {@code conv}: each output row of the kernel scaled. */
    public static AffineConv after(AffineConv conv, double[] s, double[] t) {
        Tensor w = conv.weight().copy();
        double[] wd = w.data();
        int per = wd.length / conv.outChannels();
        double[] b = new double[conv.outChannels()];
        for (int o = 0; o < b.length; o++) {
            for (int k = 0; k < per; k++) {
                wd[o * per + k] *= s[o];
            }
            b[o] = conv.bias().get(o) * s[o] + t[o];
        }
        return conv.withWeight(w, Tensor.vector(b));
    }
}
