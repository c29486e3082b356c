package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleCatalog;

/** What the fused RepVGG-A0 and QARepVGG-A0 files hold: one Conv per block and nothing of the branches. */
class FusedStructureTest {

    @ParameterizedTest
    @ValueSource(strings = {"networks/repvgg-a0.json", "networks/qarepvgg-a0.json"})
    void fusedA0HasOneConvPerBlockAndNoBnOrAdd(String sample) throws InvalidProtocolBufferException {
        Graph g = SampleCatalog.find(sample).orElseThrow().design().graph();
        Weights w = RandomWeights.generate(g, 3);
        OnnxModel m = OnnxExporter.export(g, w, OnnxForm.FUSED, ExportOptions.defaults());
        ModelProto model = ModelProto.parseFrom(m.bytes());
        List<NodeProto> nodes = model.getGraph().getNodeList();
        assertEquals(22, nodes.stream().filter(n -> n.getOpType().equals("Conv")).count());
        assertEquals(22, nodes.stream().filter(n -> n.getOpType().equals("Relu")).count());
        assertTrue(nodes.stream().noneMatch(n -> n.getOpType().equals("BatchNormalization")
                || n.getOpType().equals("Add") || n.getOpType().equals("Sum")));
        // each block is Conv then Relu, with the Conv reading the previous block's Relu
        for (int i = 0; i + 1 < nodes.size(); i++) {
            if (nodes.get(i).getOpType().equals("Conv")) {
                assertEquals("Relu", nodes.get(i + 1).getOpType());
                assertEquals(nodes.get(i).getOutput(0), nodes.get(i + 1).getInput(0));
            }
        }
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals("input", model.getGraph().getInput(0).getName());
        assertEquals("output", model.getGraph().getOutput(0).getName());
        TensorShapeProto in = model.getGraph().getInput(0).getType().getTensorType().getShape();
        assertEquals("N", in.getDim(0).getDimParam());
        assertEquals(List.of(3L, 224L, 224L), in.getDimList().subList(1, 4).stream()
                .map(TensorShapeProto.Dimension::getDimValue).toList());
        TensorShapeProto out = model.getGraph().getOutput(0).getType().getTensorType().getShape();
        assertEquals("N", out.getDim(0).getDimParam());
        assertEquals(1000, out.getDim(1).getDimValue());
    }
}
