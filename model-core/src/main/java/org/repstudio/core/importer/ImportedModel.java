package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * An ONNX model read as a design.
 *
 * @param graph       the design graph; ops the IR does not express are {@link org.repstudio.core.graph.Op.Opaque}
 * @param weights     every parameter, float32 values widened to float64
 * @param original    the model as read (external data inlined), the ground truth of the certificate
 * @param opset       its default-domain opset (11 to 17)
 * @param inputName   the name of its one graph input
 * @param outputName  the name of its one graph output
 * @param onnxValueOf design node id to the ONNX value that node computes in the original model
 * @param opaque      how many nodes were kept as opaque ONNX ops
 */
public record ImportedModel(Graph graph, Weights weights, ModelProto original, int opset, String inputName,
                            String outputName, Map<String, String> onnxValueOf, int opaque) {
}
