package org.repstudio.core.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The difference {@code mean(A) - mean(B)} of two independent samples with its Welch t-interval: the
 * standard error {@code sqrt(sA²/nA + sB²/nB)}, Welch-Satterthwaite degrees of freedom, and the t quantile
 * for the confidence level computed from Student's t distribution (any degrees of freedom, fractional too).
 * Welch does not assume the two arms share a variance, which they need not (a block with more branches can
 * be more or less stable across seeds than the plain conv).
 */
public record Difference(double meanA, double meanB, double difference, double standardError,
                         double degreesOfFreedom, double confidence, double low, double high, Verdict verdict) {

    public static final double CONFIDENCE_95 = 0.95;

    /** The 95% Welch interval of {@code mean(a) - mean(b)}. */
    public static Difference welch(Sample a, Sample b) {
        return welch(a, b, CONFIDENCE_95);
    }

    public static Difference welch(Sample a, Sample b, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double diff = a.mean() - b.mean();
        if (a.size() < 2 || b.size() < 2) {
            return new Difference(a.mean(), b.mean(), diff, Double.NaN, Double.NaN, confidence, Double.NaN,
                    Double.NaN, Verdict.TOO_FEW_SEEDS);
        }
        double va = a.variance() / a.size();
        double vb = b.variance() / b.size();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            // both arms gave the same value on every seed: the difference is exact
            Verdict v = diff > 0 ? Verdict.A_BETTER : diff < 0 ? Verdict.B_BETTER : Verdict.WITHIN_NOISE;
            return new Difference(a.mean(), b.mean(), diff, 0, Double.POSITIVE_INFINITY, confidence, diff, diff, v);
        }
        double df = (va + vb) * (va + vb)
                / (va * va / (a.size() - 1) + vb * vb / (b.size() - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double low = diff - t * se;
        double high = diff + t * se;
        Verdict v = low > 0 ? Verdict.A_BETTER : high < 0 ? Verdict.B_BETTER : Verdict.WITHIN_NOISE;
        return new Difference(a.mean(), b.mean(), diff, se, df, confidence, low, high, v);
    }
}
