package org.repstudio.core.algebra;

/**
 * Folds an eval-mode BN into the conv before it:
 * {@code W' = W * g/sqrt(v+eps)}, {@code b' = beta + (b - mean) * g/sqrt(v+eps)}.
 */
public final class BnFold {

    private BnFold() {
    }

    public static AffineConv fold(AffineConv conv, Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        if (gamma.size() != conv.outChannels()) {
            throw new IllegalArgumentException("BN has " + gamma.size() + " channels, conv outputs "
                    + conv.outChannels());
        }
        double[][] st = PerChannel.ofBatchNorm(gamma, beta, mean, var, eps);
        return PerChannel.after(conv, st[0], st[1]);
    }
}
