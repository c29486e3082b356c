package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleCatalog;

/** Provenance an export carries, read back through ONNX Runtime. */
class MetadataTest {

    private final Graph graph = SampleCatalog.find("dbb-k3-s1-g1.json").orElseThrow().design().graph();
    private final Weights weights = RandomWeights.generate(graph, 11);

    @Test
    void fusedModelCarriesHashesVersionFormAndError() throws Exception {
        OnnxModel m = OnnxExporter.export(graph, weights, OnnxForm.FUSED, ExportOptions.defaults());
        Map<String, String> meta = OrtChecks.metadata(m.bytes());
        assertEquals(DesignHash.of(graph), meta.get(OnnxMetadata.DESIGN_SHA256));
        assertEquals(m.report().designHash(), meta.get(OnnxMetadata.DESIGN_SHA256));
        assertEquals(DesignHash.of(weights), meta.get(OnnxMetadata.WEIGHTS_SHA256));
        assertEquals("fused", meta.get(OnnxMetadata.FORM));
        assertEquals("true", meta.get(OnnxMetadata.FUSED));
        assertEquals(m.report().maxRelDiff(), Double.parseDouble(meta.get(OnnxMetadata.MAX_REL_DIFF)));
        assertEquals(m.report().maxAbsDiff(), Double.parseDouble(meta.get(OnnxMetadata.MAX_ABS_DIFF)));
        assertTrue(meta.get(OnnxMetadata.CHECK).contains("ONNX Runtime"), meta.get(OnnxMetadata.CHECK));
        assertTrue(!meta.get(OnnxMetadata.APP_VERSION).isBlank());
        assertTrue(!meta.containsKey(OnnxMetadata.REFUSALS));
        assertEquals("RepStudio", OrtChecks.producer(m.bytes()));
    }

    @Test
    void unfusedModelSaysSoAndSharesTheDesignHash() throws Exception {
        OnnxModel unfused = OnnxExporter.export(graph, weights, OnnxForm.UNFUSED, ExportOptions.defaults());
        Map<String, String> meta = OrtChecks.metadata(unfused.bytes());
        assertEquals("unfused", meta.get(OnnxMetadata.FORM));
        assertEquals("false", meta.get(OnnxMetadata.FUSED));
        assertEquals(DesignHash.of(graph), meta.get(OnnxMetadata.DESIGN_SHA256));
    }

    @Test
    void refusedRegionsAreRecorded() throws Exception {
        Graph refused = SampleCatalog.find("refused/fused-mbconv.json").orElseThrow().design().graph();
        OnnxModel m = OnnxExporter.export(refused, RandomWeights.generate(refused, 1), OnnxForm.FUSED,
                ExportOptions.defaults());
        assertEquals(1, m.report().refusals().size());
        assertTrue(OrtChecks.metadata(m.bytes()).get(OnnxMetadata.REFUSALS).toLowerCase().contains("relu"),
                m.report().refusals().toString());
    }

    @Test
    void hashesAreStableAndTellDesignsApart() {
        Graph other = SampleCatalog.find("dbb-k5-s1-g2.json").orElseThrow().design().graph();
        assertEquals(DesignHash.of(graph), DesignHash.of(new Graph(graph.nodes(), graph.edges())));
        assertNotEquals(DesignHash.of(graph), DesignHash.of(other));
        assertEquals(64, DesignHash.of(graph).length());
        assertNotEquals(DesignHash.of(weights), DesignHash.of(RandomWeights.generate(graph, 12)));
    }
}
