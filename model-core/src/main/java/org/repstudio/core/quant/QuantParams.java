package org.repstudio.core.quant;

/**
 * One affine quantizer as ONNX QuantizeLinear defines it: {@code q = saturate(round_half_even(x / scale) + zeroPoint)}
 * into [qmin, qmax], and {@code x' = (q - zeroPoint) * scale}. The scale is a float32, as stored in the model.
 */
public record QuantParams(float scale, int zeroPoint, int qmin, int qmax) {

    public static final int INT8_MAX = 127;
    public static final int UINT8_MAX = 255;

    public QuantParams {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (qmin >= qmax || zeroPoint < qmin || zeroPoint > qmax) {
            throw new IllegalArgumentException("zero point " + zeroPoint + " outside [" + qmin + ", " + qmax + "]");
        }
    }

    /**
     * Symmetric signed INT8 for values in [-maxAbs, maxAbs]: scale maxAbs/127, zero point 0, range [-127, 127]
     * (-128 unused so that the grid is symmetric). An all-zero tensor gets scale 1.
     */
    public static QuantParams symmetricInt8(double maxAbs) {
        double s = maxAbs > 0 ? maxAbs / INT8_MAX : 1.0;
        return new QuantParams((float) s, 0, -INT8_MAX, INT8_MAX);
    }

    /**
     * Asymmetric UINT8 for activations in [min, max]: the range is widened to hold 0 (so that 0 is exact, as
     * zero padding needs), scale (max-min)/255, zero point round(-min/scale) in [0, 255].
     */
    public static QuantParams asymmetricUint8(double min, double max) {
        double lo = Math.min(min, 0);
        double hi = Math.max(max, 0);
        if (!(hi > lo)) {
            return new QuantParams(1f, 0, 0, UINT8_MAX);
        }
        float s = (float) ((hi - lo) / UINT8_MAX);
        int zp = (int) Math.max(0, Math.min(UINT8_MAX, Math.rint(-lo / s)));
        return new QuantParams(s, zp, 0, UINT8_MAX);
    }

    /** Symmetric INT32 for a conv bias: scale inputScale * weightScale, zero point 0 (as ONNX Runtime expects). */
    public static QuantParams int32Bias(double inputScale, double weightScale) {
        return new QuantParams((float) (inputScale * weightScale), 0, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
    }

    /** QuantizeLinear: divide, round half to even (Math.rint), add the zero point, saturate. */
    public int quantize(double x) {
        double q = Math.rint(x / scale) + zeroPoint;
        return (int) Math.max(qmin, Math.min(qmax, q));
    }

    /** DequantizeLinear. */
    public double dequantize(int q) {
        return (double) (q - zeroPoint) * scale;
    }

    /** Quantize then dequantize: what an INT8 model sees instead of x. */
    public double roundTrip(double x) {
        return dequantize(quantize(x));
    }
}
