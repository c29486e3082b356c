package org.repstudio.core.train;

/**
 * What INT8 did to a trained model, measured in ONNX Runtime on the test split: top-1 of the float unfused,
 * float fused and INT8 fused models, INT8's agreement with float fused, and INT8 vs float fused latency
 * (interleaved, batch 1). When the step did not measure ({@link Outcome#NOTHING_TO_QUANTIZE},
 * {@link Outcome#FAILED}) the figures are NaN and {@code reason} says why; the trained run is kept either way.
 *
 * @param calibration       the range estimator, e.g. "min-max"
 * @param calibrationImages training images the activation ranges were measured on
 * @param integerConvs      convs ONNX Runtime's optimized graph runs with integer kernels
 * @param images            test images evaluated
 */
public record Int8Evaluation(Outcome outcome, String reason, double floatUnfusedTop1, double floatFusedTop1,
                             double int8Top1, double agreement, int images, String calibration, int calibrationImages,
                             int integerConvs, double floatMedianMs, double int8MedianMs, int latencyThreads,
                             int latencyRuns) {

    /** Whether the INT8 step measured, had nothing to quantize, or failed. */
    public enum Outcome { MEASURED, NOTHING_TO_QUANTIZE, FAILED }

    /** A step that did not measure: {@code reason} names the cause for the user. */
    public static Int8Evaluation notMeasured(Outcome outcome, String reason) {
        if (outcome == Outcome.MEASURED) {
            throw new IllegalArgumentException("a measured evaluation has figures");
        }
        return new Int8Evaluation(outcome, reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "", 0, 0,
                Double.NaN, Double.NaN, 0, 0);
    }

    public boolean measured() {
        return outcome == Outcome.MEASURED;
    }

    /** INT8 top-1 minus float fused top-1, in percentage points. */
    public double int8DeltaPoints() {
        return 100 * (int8Top1 - floatFusedTop1);
    }

    /** Float fused median latency over INT8's: above 1 when INT8 is faster. */
    public double speedup() {
        return floatMedianMs / int8MedianMs;
    }
}
