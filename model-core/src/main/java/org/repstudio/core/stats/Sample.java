package org.repstudio.core.stats;

import java.util.Arrays;

/**
 * Repeated measurements of one quantity (one value per seed): their mean and sample standard deviation
 * (n - 1 in the denominator, the unbiased variance). A single value has a NaN standard deviation: one
 * seed says nothing about the spread.
 */
public record Sample(double[] values) {

    public Sample {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("sample values must be finite, got " + v);
            }
        }
        values = values.clone();
    }

    public static Sample of(double... values) {
        return new Sample(values);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Unbiased sample variance; NaN for a single value. */
    public double variance() {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = mean();
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return ss / (values.length - 1);
    }

    public double std() {
        return Math.sqrt(variance());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Sample" + Arrays.toString(values);
    }
}
