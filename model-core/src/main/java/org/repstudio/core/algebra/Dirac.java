package org.repstudio.core.algebra;


/** The identity as a conv: {@code K[i, i mod (C/groups), c, c] = 1} for a kernel of any odd size. */
public final class Dirac {

    private Dirac() {
    }

    /** Identity on {@code channels} channels as a KhxKw conv with {@code groups}, centred by its padding. */
    public static AffineConv identity(int channels, int groups, int kh, int kw) {
        if (kh % 2 == 0 || kw % 2 == 0) {
            throw new NotExactException(RefusalKind.NO_KERNEL_CENTRE, "an identity kernel needs an odd size to have a centre, got " + kh + "x" + kw);
        }
        int cpg = channels / groups;
        Tensor w = Tensor.zeros(channels, cpg, kh, kw);
        double[] d = w.data();
        for (int i = 0; i < channels; i++) {
            d[((i * cpg + i % cpg) * kh + kh / 2) * kw + kw / 2] = 1;
        }
        return new AffineConv(w, Tensor.zeros(channels), 1, 1, new Padding(kh / 2, kh / 2, kw / 2, kw / 2),
                1, 1, groups);
    }
}
