package org.repstudio.core.fusion;

import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.Tensor;

/**
 * The two kernel edits of RMNet. {@link #reserve} appends C output channels that copy C channels of the
 * input unchanged (for the first conv, the input itself; later, the C reserved input channels at the
 * end). {@link #mergeShortcut} appends C input channels to the last conv, read through the shortcut's
 * kernel (identity or a 1x1 downsample) placed at the kernel's centre.
 */
final class Widening {

    private Widening() {
    }

    /** Weight [O + C, ...]: the conv's own rows, then dirac rows for the carried channels. */
    static AffineConv reserve(AffineConv conv, int c, boolean first) {
        int out = conv.outChannels();
        int kh = conv.kernelH();
        int kw = conv.kernelW();
        int khw = kh * kw;
        int centre = (kh / 2) * kw + kw / 2;
        boolean depthwise = !first && conv.groups() == conv.inChannels() && conv.groups() == out;
        if (!first && !depthwise && conv.groups() != 1) {
            throw new IllegalArgumentException("grouped conv in a residual branch");
        }
        int inWide = first ? conv.inChannels() : conv.inChannels() + c;
        int groups = depthwise ? out + c : 1;
        int cpg = inWide / groups;
        double[] wt = new double[(out + c) * cpg * khw];
        double[] src = conv.weight().data();
        int srcCpg = conv.weight().dim(1);
        for (int o = 0; o < out; o++) {
            for (int ci = 0; ci < srcCpg; ci++) {
                System.arraycopy(src, (o * srcCpg + ci) * khw, wt, (o * cpg + ci) * khw, khw);
            }
        }
        for (int r = 0; r < c; r++) {
            int inChannel = depthwise ? 0 : first ? r : conv.inChannels() + r;
            wt[((out + r) * cpg + inChannel) * khw + centre] = 1;
        }
        double[] bias = new double[out + c];
        System.arraycopy(conv.bias().data(), 0, bias, 0, out);
        Tensor weight = new Tensor(new int[] {out + c, cpg, kh, kw}, wt);
        return new AffineConv(weight, Tensor.vector(bias), conv.strideH(), conv.strideW(), conv.padding(), 1, 1, groups);
    }

    /** Weight [O, I + C, ...]: the conv's own columns, then the shortcut kernel on the carried channels. */
    static AffineConv mergeShortcut(AffineConv conv, AffineConv shortcut, int c) {
        int out = conv.outChannels();
        int in = conv.inChannels();
        int kh = conv.kernelH();
        int kw = conv.kernelW();
        int khw = kh * kw;
        int centre = (kh / 2) * kw + kw / 2;
        double[] wt = new double[out * (in + c) * khw];
        double[] src = conv.weight().data();
        double[] bias = conv.bias().data().clone();
        for (int o = 0; o < out; o++) {
            System.arraycopy(src, o * in * khw, wt, o * (in + c) * khw, in * khw);
            for (int r = 0; r < c; r++) {
                double v = shortcut == null ? (o == r ? 1 : 0) : shortcut.weight().get(o, r, 0, 0);
                wt[(o * (in + c) + in + r) * khw + centre] = v;
            }
            if (shortcut != null) {
                bias[o] += shortcut.bias().get(o);
            }
        }
        Tensor weight = new Tensor(new int[] {out, in + c, kh, kw}, wt);
        return new AffineConv(weight, Tensor.vector(bias), conv.strideH(), conv.strideW(), conv.padding(), 1, 1, 1);
    }
}
