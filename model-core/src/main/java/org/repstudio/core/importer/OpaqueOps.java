package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;

/**
 * Packs an ONNX node the IR does not express into an {@link Op.Opaque}: the node itself unchanged but for
 * its value names (wired inputs {@code in0, in1...} in port order, output {@code out}), and its constant
 * inputs as initializers of a one-node GraphProto, so export can write it back as it came.
 */
final class OpaqueOps {

    private OpaqueOps() {
    }

    static Op.Opaque of(NodeProto n, String graphName, Map<String, TensorProto> constants, int ports,
                        TensorShape shape) {
        NodeProto.Builder b = n.toBuilder().clearInput().clearOutput().addOutput("out");
        GraphProto.Builder blob = GraphProto.newBuilder().setName(graphName);
        int port = 0;
        Set<String> carried = new HashSet<>();
        for (String v : n.getInputList()) {
            if (v.isEmpty()) {
                b.addInput(""); // an optional input left out keeps its place
            } else if (constants.containsKey(v)) {
                b.addInput(v);
                if (carried.add(v)) {
                    blob.addInitializer(constants.get(v).toBuilder().setName(v));
                }
            } else {
                b.addInput("in" + port++);
            }
        }
        blob.addNode(b);
        return new Op.Opaque(n.getOpType(), ports, shape, Base64.getEncoder().encodeToString(blob.build().toByteArray()));
    }
}
