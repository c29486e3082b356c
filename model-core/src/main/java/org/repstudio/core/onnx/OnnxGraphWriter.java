package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Turns a valid graph and its weights into an opset-17 ONNX model: one graph input {@code input}
 * [N, C, H, W], one graph output {@code output} ([N, C', H', W'] or [N, F]), every parameter a float32
 * initializer. Nodes are written in topological order; each design node's result is an ONNX value named
 * after the node id. Metadata is added later, by the exporter, once the model has been checked.
 */
final class OnnxGraphWriter {

    static final int OPSET = 17;
    /** IR version 8 is the one that goes with opset 17. */
    static final long IR_VERSION = 8;
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private OnnxGraphWriter() {
    }

    /** The model; the graph must be valid and the weights must fit (callers check both first). */
    static ModelProto write(Graph graph, Weights weights, String graphName) {
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        List<String> order = graph.topologicalOrder().orElseThrow();
        String inputId = graph.inputIds().get(0);
        String outputId = graph.outputIds().get(0);
        String lastId = graph.inputsOf(outputId).get(0);

        ValueNames names = new ValueNames();
        Map<String, String> valueOf = new HashMap<>();
        valueOf.put(inputId, names.claim(INPUT));
        String output = names.claim(OUTPUT);
        if (!lastId.equals(inputId)) {
            valueOf.put(lastId, output); // the last op writes the graph output directly, no trailing Identity
        }
        for (String id : order) {
            valueOf.computeIfAbsent(id, names::claim);
        }

        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName);
        OpEmitter emit = new OpEmitter(graph, weights, shapes, names, valueOf, g);
        for (String id : order) {
            Node n = graph.node(id);
            if (n.op() instanceof Op.Input || n.op() instanceof Op.Output) {
                continue;
            }
            emit.node(n);
        }
        if (lastId.equals(inputId)) {
            emit.identity(outputId, valueOf.get(inputId), output);
        }
        g.addInput(Protos.batchedFloat(valueOf.get(inputId), perSample(shapes.get(inputId))));
        g.addOutput(Protos.batchedFloat(output, perSample(shapes.get(outputId))));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build();
    }

    /** [C, H, W] or [F]: a value's shape without the batch. */
    static long[] perSample(TensorShape s) {
        return s.flat() ? new long[] {s.channels()} : new long[] {s.channels(), s.height(), s.width()};
    }
}
