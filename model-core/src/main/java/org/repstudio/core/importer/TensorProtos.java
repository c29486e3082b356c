package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.repstudio.core.algebra.Tensor;

/** Reads ONNX tensors (raw little-endian data or the typed repeated fields) as float64 or int64 values. */
final class TensorProtos {

    private TensorProtos() {
    }

    static int[] dims(TensorProto t) {
        int[] d = new int[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.toIntExact(t.getDims(i));
        }
        return d;
    }

    static long count(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    static boolean isFloat(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT.getNumber()
                || t.getDataType() == TensorProto.DataType.DOUBLE.getNumber();
    }

    /** A float or double tensor as a float64 {@link Tensor} of its own shape (a scalar is shape [1]). */
    static Tensor floats(TensorProto t, String node) {
        int[] dims = dims(t);
        int n = Math.toIntExact(count(t));
        double[] v = new double[n];
        if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
            if (!t.getRawData().isEmpty()) {
                requireBytes(t, node, (long) n * Float.BYTES);
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat();
                }
            } else {
                requireCount(t, node, t.getFloatDataCount(), n);
                for (int i = 0; i < n; i++) {
                    v[i] = t.getFloatData(i);
                }
            }
        } else if (t.getDataType() == TensorProto.DataType.DOUBLE.getNumber()) {
            if (!t.getRawData().isEmpty()) {
                requireBytes(t, node, (long) n * Double.BYTES);
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    v[i] = b.getDouble();
                }
            } else {
                requireCount(t, node, t.getDoubleDataCount(), n);
                for (int i = 0; i < n; i++) {
                    v[i] = t.getDoubleData(i);
                }
            }
        } else {
            throw OnnxImportException.at(node, "tensor '" + t.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + ", a float tensor is needed here");
        }
        return new Tensor(dims.length == 0 ? new int[] {1} : dims, v);
    }

    /** An int64 (or int32) tensor's values, e.g. Pad's pads or Reshape's shape. */
    static long[] longs(TensorProto t, String node) {
        int n = Math.toIntExact(count(t));
        long[] v = new long[n];
        boolean int64 = t.getDataType() == TensorProto.DataType.INT64.getNumber();
        boolean int32 = t.getDataType() == TensorProto.DataType.INT32.getNumber();
        if (!int64 && !int32) {
            throw OnnxImportException.at(node, "tensor '" + t.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + ", an integer tensor is needed here");
        }
        if (!t.getRawData().isEmpty()) {
            requireBytes(t, node, (long) n * (int64 ? Long.BYTES : Integer.BYTES));
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                v[i] = int64 ? b.getLong() : b.getInt();
            }
        } else if (int64) {
            requireCount(t, node, t.getInt64DataCount(), n);
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt64Data(i);
            }
        } else {
            requireCount(t, node, t.getInt32DataCount(), n);
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt32Data(i);
            }
        }
        return v;
    }

    private static void requireBytes(TensorProto t, String node, long bytes) {
        if (t.getRawData().size() != bytes) {
            throw OnnxImportException.at(node, "tensor '" + t.getName() + "' of shape " + java.util.Arrays.toString(dims(t))
                    + " holds " + t.getRawData().size() + " bytes, expected " + bytes);
        }
    }

    private static void requireCount(TensorProto t, String node, int have, int want) {
        if (have != want) {
            throw OnnxImportException.at(node, "tensor '" + t.getName() + "' of shape " + java.util.Arrays.toString(dims(t))
                    + " holds " + have + " values, expected " + want);
        }
    }
}
