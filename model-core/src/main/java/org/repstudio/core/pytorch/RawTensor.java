package org.repstudio.core.pytorch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.repstudio.core.algebra.Tensor;

/**
 * One checkpoint tensor as stored: element type, shape and contiguous little-endian bytes (C order).
 * {@link #toTensor} widens a float type to RepStudio's float64 tensor.
 */
public record RawTensor(DType dtype, int[] shape, byte[] bytes) {

    public RawTensor {
        shape = shape.clone();
        long n = elements(shape);
        if (n * dtype.bytes() != bytes.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " and type " + dtype
                    + " needs " + n * dtype.bytes() + " bytes, got " + bytes.length);
        }
    }

    public static RawTensor ofFloat32(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.toFloats());
        return new RawTensor(DType.F32, t.shape(), b.array());
    }

    public static RawTensor int64Scalar(long value) {
        return new RawTensor(DType.I64, new int[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value).array());
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The values as a float64 tensor; only for float types. */
    public Tensor toTensor() {
        if (!dtype.floating()) {
            throw new IllegalStateException("not a float tensor: " + dtype);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[(int) elements(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dtype) {
                case F64 -> b.getDouble();
                case F32 -> b.getFloat();
                case F16 -> halfToFloat(b.getShort());
                case BF16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                default -> throw new IllegalStateException();
            };
        }
        return new Tensor(shape, v);
    }

    /** IEEE binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits >>> 15) << 31;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float m = mant / 1024f * (float) Math.pow(2, -14);
            return sign == 0 ? m : -m;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
