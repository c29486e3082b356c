package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.io.SampleCatalog;

/** The harness around sample blocks, its plain A/B counterpart, and whole networks kept as they are. */
class HarnessTest {

    static Graph sample(String path) {
        return SampleCatalog.find(path).orElseThrow().design().graph();
    }

    @ParameterizedTest
    @ValueSource(strings = {"repvgg-s1.json", "repvgg-s2.json", "acb-k3.json", "dbb-k3-s1-g1.json", "mobileone.json",
        "orepa.json", "replk-13.json"})
    void harnessAroundEachBlockIsValidAndClassifies(String path) {
        Graph block = sample(path);
        Graph h = Harness.build(block, TensorShape.spatial(1, 32, 32), 8, new HarnessSpec(2, 2));
        assertEquals(java.util.List.of(), Validator.validate(h));
        assertEquals(TensorShape.flat(8), ShapeInference.infer(h).shapes().get("out"));
        assertTrue(h.contains("stem") && h.contains("fc"));
        for (String id : block.nodes().keySet()) {
            boolean io = block.node(id).op() instanceof Op.Input || block.node(id).op() instanceof Op.Output;
            assertEquals(!io, h.contains("b1_" + id) && h.contains("b2_" + id), id);
        }
        Graph plain = Harness.build(PlainBaseline.of(block), TensorShape.spatial(1, 32, 32), 8, new HarnessSpec(2, 2));
        assertEquals(java.util.List.of(), Validator.validate(plain));
    }

    @Test
    void mobileOneChannelChangeGetsAnAdapterBetweenCopies() {
        Graph h = Harness.build(sample("mobileone.json"), TensorShape.spatial(3, 32, 32), 10, new HarnessSpec(3, 1));
        assertTrue(h.contains("b1_adapt") && h.contains("b2_adapt"));
        assertFalse(h.contains("b3_adapt"));
    }

    @Test
    void plainRepvggIsOneConvBnRelu() {
        Graph plain = PlainBaseline.of(sample("repvgg-s1.json"));
        long convs = plain.nodes().values().stream().filter(n -> n.op() instanceof Op.Conv).count();
        long bns = plain.nodes().values().stream().filter(n -> n.op() instanceof Op.BatchNorm).count();
        assertEquals(1, convs);
        assertEquals(1, bns);
        Op.Conv c = (Op.Conv) plain.nodes().values().stream().filter(n -> n.op() instanceof Op.Conv).findFirst()
                .orElseThrow().op();
        assertEquals(3, c.kernelH());
        assertFalse(c.bias());
    }

    @Test
    void wholeNetworkIsResizedNotWrapped() {
        Graph net = sample("networks/repvgg-a0.json");
        assertTrue(Harness.isWholeNetwork(net));
        Graph h = Harness.build(net, TensorShape.spatial(1, 32, 32), 8, HarnessSpec.DEFAULT);
        assertEquals(net.nodes().keySet(), h.nodes().keySet());
        assertEquals(TensorShape.flat(8), ShapeInference.infer(h).shapes().get(h.outputIds().get(0)));
    }
}
