package org.repstudio.core.quant;

/**
 * How activation ranges are measured: {@code MIN_MAX} takes the smallest and largest value seen over all
 * calibration batches; {@code PERCENTILE} takes, per batch, the {@code percentile}-th and
 * (100 - percentile)-th percentiles and averages them over batches (ignoring rare extremes).
 */
public record Calibration(Method method, double percentile, int batches, int batchSize) {

    /** The range estimator. */
    public enum Method { MIN_MAX, PERCENTILE }

    public Calibration {
        if (batches < 1 || batchSize < 1) {
            throw new IllegalArgumentException("calibration needs at least one batch of at least one image, got "
                    + batches + " batch(es) of " + batchSize);
        }
        if (method == Method.PERCENTILE && !(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
    }

    public static Calibration minMax(int batches, int batchSize) {
        return new Calibration(Method.MIN_MAX, 100, batches, batchSize);
    }

    public static Calibration percentile(double p, int batches, int batchSize) {
        return new Calibration(Method.PERCENTILE, p, batches, batchSize);
    }

    public String label() {
        return method == Method.MIN_MAX ? "min-max" : "percentile " + percentile;
    }
}
