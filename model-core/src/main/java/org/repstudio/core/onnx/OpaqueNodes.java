package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Op;

/**
 * Writes an {@link Op.Opaque} back as the ONNX node it was imported from: op type, domain and attributes
 * unchanged; its wired inputs {@code in0, in1...} become the values of its producers, its output the node's
 * value, and its constant inputs initializers under names unique in the model.
 */
final class OpaqueNodes {

    private OpaqueNodes() {
    }

    static void emit(String id, Op.Opaque op, List<String> inputs, String output, ValueNames names,
                     GraphProto.Builder out) {
        GraphProto blob;
        try {
            blob = GraphProto.parseFrom(Base64.getDecoder().decode(op.onnx()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalStateException("node '" + id + "': its ONNX node cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> rename = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            rename.put("in" + i, inputs.get(i));
        }
        for (TensorProto t : blob.getInitializerList()) {
            String name = names.claim(id + "." + t.getName());
            rename.put(t.getName(), name);
            out.addInitializer(t.toBuilder().setName(name));
        }
        NodeProto n = blob.getNode(0);
        NodeProto.Builder b = n.toBuilder().clearInput().clearOutput().setName(id).addOutput(output);
        for (String in : n.getInputList()) {
            b.addInput(in.isEmpty() ? "" : rename.getOrDefault(in, in));
        }
        out.addNode(b);
    }
}
