package org.repstudio.core.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The few ONNX protos a QDQ model adds: quantized initializers, scales, zero points, Q and DQ nodes. */
final class QdqProtos {

    private QdqProtos() {
    }

    /** The float values of an initializer, whether stored as raw little-endian bytes or as float_data. */
    static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            FloatBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] f = new float[b.remaining()];
            b.get(f);
            return f;
        }
        float[] f = new float[t.getFloatDataCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = t.getFloatData(i);
        }
        return f;
    }

    static TensorProto int8(String name, long[] dims, int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return raw(name, TensorProto.DataType.INT8_VALUE, dims, b);
    }

    static TensorProto int32(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return raw(name, TensorProto.DataType.INT32_VALUE, dims, b.array());
    }

    static TensorProto uint8Scalar(String name, int value) {
        return raw(name, TensorProto.DataType.UINT8_VALUE, new long[0], new byte[] {(byte) value});
    }

    static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return raw(name, TensorProto.DataType.FLOAT_VALUE, dims, b.array());
    }

    private static TensorProto raw(String name, int type, long[] dims, byte[] bytes) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static NodeProto node(String opType, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    /** DequantizeLinear along axis 0 (per output channel). */
    static NodeProto perChannelDq(String name, String output, String q, String scale, String zeroPoint) {
        return node("DequantizeLinear", name, output, q, scale, zeroPoint).toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                        .setI(0))
                .build();
    }
}
