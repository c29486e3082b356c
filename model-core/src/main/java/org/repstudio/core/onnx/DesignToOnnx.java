package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The unchecked ONNX model of a valid design, for callers that check it themselves against another model
 * (the import certificate runs it beside the user's original file); see {@link OnnxExporter} for the
 * export that checks against DJL.
 */
public final class DesignToOnnx {

    private DesignToOnnx() {
    }

    /** Opset 17, input {@code input}, output {@code output}, dynamic batch. */
    public static ModelProto write(Graph graph, Weights weights, String graphName) {
        return OnnxGraphWriter.write(graph, weights, graphName);
    }
}
