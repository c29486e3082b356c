package org.repstudio.core.engine;

import java.util.Arrays;

/**
 * How far two graphs' outputs are apart on one input: {@code maxAbsDiff} = max|a - b|,
 * {@code maxRelDiff} = maxAbsDiff / maxAbsReference, {@code maxAbsReference} = max|a| (a is the
 * reference), {@code outputShape} e.g. [N, C, H, W].
 */
public record Comparison(double maxAbsDiff, double maxRelDiff, double maxAbsReference, long[] outputShape) {

    public Comparison {
        outputShape = outputShape.clone();
    }

    /**
     * A tolerance on {@code maxRelDiff}, checked: a number >= 0. NaN would make every comparison fail
     * without saying why, and a negative one can never be met.
     */
    public static double checkedTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be a number >= 0, got " + tolerance);
        }
        return tolerance;
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Comparison c && maxAbsDiff == c.maxAbsDiff && maxRelDiff == c.maxRelDiff
                && maxAbsReference == c.maxAbsReference && Arrays.equals(outputShape, c.outputShape);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(maxAbsDiff) * 31 + Arrays.hashCode(outputShape);
    }

    @Override
    public String toString() {
        return String.format("max|a-b| = %.3e, relative %.3e (max|a| = %.3e), output %s", maxAbsDiff, maxRelDiff,
                maxAbsReference, Arrays.toString(outputShape));
    }
}
