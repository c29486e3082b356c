package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.repstudio.core.algebra.Tensor;

/** Copies between float64 {@link Tensor}s and DJL float32 NDArrays (same shape, row-major). */
final class TensorBridge {

    private TensorBridge() {
    }

    /** A float32 copy of {@code t} in {@code manager}, on the manager's device. */
    static NDArray toNDArray(NDManager manager, Tensor t) {
        return manager.create(t.toFloats(), ParameterFactory.toShape(t.shape()));
    }

    /** Overwrites {@code target} (same size) with {@code t}: float64 kept for a float64 target, else float32. */
    static void write(Tensor t, NDArray target) {
        if (target.getDataType() == DataType.FLOAT64) {
            target.set(t.data());
        } else {
            target.set(t.toFloats());
        }
    }

    /** A float64 copy of {@code a}, brought to the host. */
    static Tensor toTensor(NDArray a) {
        long[] dims = a.getShape().getShape();
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
        }
        if (a.getDataType() == DataType.FLOAT64) {
            return new Tensor(shape, a.toDoubleArray());
        }
        if (a.getDataType() == DataType.FLOAT32) {
            return Tensor.fromFloats(shape, a.toFloatArray());
        }
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return Tensor.fromFloats(shape, f.toFloatArray());
        }
    }
}
