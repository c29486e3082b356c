package org.repstudio.core.algebra;

import java.util.Arrays;

/**
 * A small dense float64 tensor in row-major order. Immutable by convention: transforms build new
 * tensors; only the creator writes into {@link #data()} before sharing it.
 */
public final class Tensor {

    private final int[] shape;
    private final double[] data;

    public Tensor(int[] shape, double[] data) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(shape, new double[Math.toIntExact(n)]);
    }

    public static Tensor of(int[] shape, double... values) {
        return new Tensor(shape, values.clone());
    }

    public static Tensor vector(double... values) {
        return new Tensor(new int[] {values.length}, values.clone());
    }

    public static Tensor filled(double value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Standard-normal values drawn from {@code rnd}: the probe input of the float64 checks. */
    public static Tensor gaussian(java.util.Random rnd, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = rnd.nextGaussian();
        }
        return t;
    }

    public static Tensor fromFloats(int[] shape, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(shape, d);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The backing array; callers must not write into a tensor they did not create. */
    public double[] data() {
        return data;
    }

    public double get(int i) {
        return data[i];
    }

    /** Element of a rank-4 tensor. */
    public double get(int a, int b, int c, int d) {
        return data[((a * shape[1] + b) * shape[2] + c) * shape[3] + d];
    }

    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    public Tensor reshape(int... newShape) {
        return new Tensor(newShape, data);
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public boolean isAllZero() {
        for (double v : data) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Largest |a - b| over elements; shapes must match. */
    public static double maxAbsDiff(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(a.shape) + " vs " + Arrays.toString(b.shape));
        }
        double m = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
