package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks ONNX Runtime what the model computes at given values: the original model, with those values added as
 * graph outputs, runs once on a zero input of one sample. Used to fold constant sub-graphs (their values do
 * not depend on the input) and to measure the output shape of every opaque op.
 */
final class OrtProbe {

    private OrtProbe() {
    }

    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "repstudio");
    }

    /** Each named value as a tensor (its ONNX element type kept), keyed by name. */
    static Map<String, TensorProto> values(ModelProto model, String input, long[] inputShape, Collection<String> names,
                                           Map<String, String> nodeOf) {
        if (names.isEmpty()) {
            return Map.of();
        }
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (String n : names) {
            g.addOutput(ValueInfoProto.newBuilder().setName(n));
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        Map<String, TensorProto> out = new LinkedHashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            so.setIntraOpNumThreads(2);
            try (OrtSession s = environment().createSession(bytes, so);
                 OnnxTensor x = OnnxTensor.createTensor(environment(),
                         FloatBuffer.allocate(Math.toIntExact(product(inputShape))), inputShape);
                 OrtSession.Result r = s.run(Map.of(input, x), new java.util.LinkedHashSet<>(names))) {
                for (String n : names) {
                    OnnxValue v = r.get(n).orElseThrow();
                    if (!(v instanceof OnnxTensor t)) {
                        throw OnnxImportException.at(nodeOf.getOrDefault(n, n), "value '" + n + "' is not a tensor");
                    }
                    out.put(n, toProto(n, t));
                }
            }
        } catch (OrtException e) {
            throw new OnnxImportException("ONNX Runtime cannot run the model to infer its shapes: " + e.getMessage(), e);
        }
        return out;
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static TensorProto toProto(String name, OnnxTensor t) {
        long[] shape = t.getInfo().getShape();
        TensorProto.Builder b = TensorProto.newBuilder().setName(name);
        for (long d : shape) {
            b.addDims(d);
        }
        OnnxJavaType type = t.getInfo().type;
        ByteBuffer raw = t.getByteBuffer();
        raw.order(ByteOrder.nativeOrder());
        ByteBuffer le = ByteBuffer.allocate(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT -> {
                b.setDataType(TensorProto.DataType.FLOAT.getNumber());
                while (raw.remaining() >= 4) {
                    le.putFloat(raw.getFloat());
                }
            }
            case DOUBLE -> {
                b.setDataType(TensorProto.DataType.DOUBLE.getNumber());
                while (raw.remaining() >= 8) {
                    le.putDouble(raw.getDouble());
                }
            }
            case INT64 -> {
                b.setDataType(TensorProto.DataType.INT64.getNumber());
                while (raw.remaining() >= 8) {
                    le.putLong(raw.getLong());
                }
            }
            case INT32 -> {
                b.setDataType(TensorProto.DataType.INT32.getNumber());
                while (raw.remaining() >= 4) {
                    le.putInt(raw.getInt());
                }
            }
            case BOOL, INT8, UINT8 -> {
                b.setDataType((type == OnnxJavaType.BOOL ? TensorProto.DataType.BOOL
                        : type == OnnxJavaType.INT8 ? TensorProto.DataType.INT8 : TensorProto.DataType.UINT8).getNumber());
                le.put(raw);
            }
            default -> throw new OnnxImportException("value '" + name + "' has element type " + type
                    + ", which RepStudio cannot carry");
        }
        le.flip();
        return b.setRawData(ByteString.copyFrom(le)).build();
    }
}
