package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ParamSpecs;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;

class SampleCatalogTest {

    /** Node counts worked out by hand from the block definitions. */
    private static final Map<String, Integer> NODE_COUNTS = new LinkedHashMap<>();

    static {
        NODE_COUNTS.put("repvgg-s1.json", 9);
        NODE_COUNTS.put("repvgg-s2.json", 8);
        NODE_COUNTS.put("qarepvgg.json", 8);
        NODE_COUNTS.put("acb-k3.json", 10);
        NODE_COUNTS.put("acb-k5.json", 10);
        NODE_COUNTS.put("dbb-k3-s1-g1.json", 18);
        NODE_COUNTS.put("dbb-k3-s2-g2.json", 18);
        NODE_COUNTS.put("dbb-k5-s1-g2.json", 18);
        NODE_COUNTS.put("dbb-k5-s2-g1.json", 18);
        NODE_COUNTS.put("orepa.json", 18);
        NODE_COUNTS.put("replk-13.json", 8);
        NODE_COUNTS.put("replk-31.json", 8);
        NODE_COUNTS.put("repghost.json", 10);
        NODE_COUNTS.put("mobileone.json", 25);
        NODE_COUNTS.put("inception-concat.json", 13);
        NODE_COUNTS.put("networks/repvgg-a0.json", 154);
        NODE_COUNTS.put("networks/qarepvgg-a0.json", 137);
        NODE_COUNTS.put("networks/mobileone-s0.json", 514);
        NODE_COUNTS.put("refused/dbb-zero-pad.json", 16);
        NODE_COUNTS.put("rmnet-resblocks.json", 21);
        NODE_COUNTS.put("rmnet-mobilenetv2.json", 23);
        NODE_COUNTS.put("repmlp.json", 12);
        NODE_COUNTS.put("resrep.json", 16);
        NODE_COUNTS.put("refused/fused-mbconv.json", 8);
    }

    @Test
    void everySampleIsValid() {
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            assertEquals(List.of(), Validator.validate(s.design().graph()), s.path());
        }
    }

    @Test
    void catalogHasTheExpectedSamplesAndNodeCounts() {
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            actual.put(s.path(), s.design().graph().nodes().size());
        }
        assertEquals(NODE_COUNTS, actual);
    }

    @Test
    void everySampleIsDescribed() {
        Set<String> names = new HashSet<>();
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            DesignFile d = s.design();
            assertTrue(names.add(d.name()), "duplicate name " + d.name());
            assertFalse(d.name().isBlank() || d.description().isBlank() || d.method().isBlank(), s.path());
            assertFalse(d.description().contains("\n"), s.path() + ": description must be one line");
            assertTrue(d.expect().isPresent(), s.path());
            assertEquals(d.graph().nodes().keySet(), d.positions().keySet(), s.path());
            assertTrue(d.graph().contains("in") && d.graph().contains("out"), s.path());
            boolean refused = s.path().startsWith("refused/");
            assertEquals(refused ? DesignFile.Expect.REFUSED : DesignFile.Expect.EXACT, d.expect().get(), s.path());
        }
    }

    @Test
    void everyBatchNormUsesPyTorchsEps() {
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            for (Node n : s.design().graph().nodes().values()) {
                if (n.op() instanceof Op.BatchNorm bn) {
                    assertEquals(1e-5, bn.eps(), s.path() + " " + n.id());
                }
            }
        }
    }

    @Test
    void findLooksUpByPath() {
        assertEquals("RepVGG-A0", SampleCatalog.find("networks/repvgg-a0.json").orElseThrow().design().name());
        assertTrue(SampleCatalog.find("nope.json").isEmpty());
    }

    @Test
    void acbAsymmetricKernelsShareTheSquareCentre() {
        Graph g = SampleBlocks.acb(5);
        assertEquals(new Padding(0, 0, 2, 2), conv(g, "conv1x5").padding());
        assertEquals(new Padding(2, 2, 0, 0), conv(g, "conv5x1").padding());
        assertEquals(Padding.of(2), conv(g, "conv5x5").padding());
    }

    @Test
    void dbbPadsWithTheBnBiasAndTheRefusedVariantDoesNot() {
        Graph exact = SampleBlocks.dbb(5, 2, 2, true);
        for (String pad : List.of("avg_pad", "seq_pad")) {
            Op.Pad p = (Op.Pad) exact.node(pad).op();
            assertEquals(new Op.Pad(Padding.of(2), Op.PadMode.BIAS), p);
            assertTrue(exact.node(exact.inputsOf(pad).get(0)).op() instanceof Op.BatchNorm);
        }
        assertEquals(new Op.AvgPool(5, 5, 2, 2, Padding.NONE), exact.node("avg_pool").op());
        assertEquals(Padding.NONE, conv(exact, "seq_conv5x5").padding());
        assertEquals(2, conv(exact, "seq_conv5x5").groups());

        Graph zero = SampleBlocks.dbb(3, 1, 1, false);
        assertTrue(zero.nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Pad));
        assertEquals(List.of("avg_bn1"), zero.inputsOf("avg_pool"));
        assertEquals(new Op.AvgPool(3, 3, 1, 1, Padding.of(1)), zero.node("avg_pool").op());
        assertEquals(List.of("seq_bn1"), zero.inputsOf("seq_conv3x3"));
        assertEquals(Padding.of(1), conv(zero, "seq_conv3x3").padding());
    }

    @Test
    void orepaHasScalesInTheBranchesAndOneBnAfterTheSum() {
        Graph g = SampleBlocks.orepa();
        long scales = g.nodes().values().stream().filter(n -> n.op() instanceof Op.Scale).count();
        assertEquals(5, scales);
        assertEquals(List.of("add"), g.inputsOf("bn"));
        assertEquals(1, g.nodes().values().stream().filter(n -> n.op() instanceof Op.BatchNorm).count());
        assertTrue(g.nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Conv c && c.bias()));
        assertEquals(16, conv(g, "dw_conv3x3").groups());
    }

    @Test
    void repGhostShortcutReadsThePrimaryReluOutput() {
        Graph g = SampleBlocks.repGhost();
        assertEquals(List.of("primary_relu"), g.inputsOf("bn_id"));
        assertEquals(List.of("primary_relu"), g.inputsOf("dw_conv3x3"));
    }

    @Test
    void mobileOnePairHasSkipOnlyWhereChannelsMatch() {
        Graph g = SampleBlocks.mobileOnePair(4);
        assertEquals(6, g.inputsOf("dw_add").size());
        assertEquals(4, g.inputsOf("pw_add").size());
        assertTrue(g.contains("dw_bn_skip"));
        assertFalse(g.contains("pw_bn_skip"));
    }

    @Test
    void repvggA0HasTheReferenceShapeAndParameterCount() {
        Graph g = SampleNetworks.repvggA0();
        ShapeInference.Result r = ShapeInference.infer(g);
        assertEquals(TensorShape.spatial(1280, 7, 7), r.shapes().get("s4b0_relu"));
        assertEquals(TensorShape.flat(1000), r.shapes().get("out"));
        assertEquals(22, count(g, "_relu"));
        assertEquals(17, count(g, "_bn_id"));
        // The RepVGG paper lists 9.11M training-time parameters for A0 (weights, BN gamma and beta, head).
        assertEquals(9.11e6, learnableParameters(g), 0.01e6);
    }

    @Test
    void mobileOneS0HasTheReferenceShapeAndParameterCount() {
        Graph g = SampleNetworks.mobileOneS0();
        ShapeInference.Result r = ShapeInference.infer(g);
        assertEquals(TensorShape.spatial(48, 112, 112), r.shapes().get("stem_relu"));
        assertEquals(TensorShape.spatial(1024, 7, 7), r.shapes().get("s4b0_pw_relu"));
        assertEquals(17, count(g, "dw_bn_skip"));
        assertEquals(18, count(g, "pw_bn_skip"));
        // MobileOne reports 5.29M training-time parameters for S0 (our stem has 4 branches, + ~4k).
        assertEquals(5.29e6, learnableParameters(g), 0.02e6);
    }

    private static Op.Conv conv(Graph g, String id) {
        return (Op.Conv) g.node(id).op();
    }

    private static long count(Graph g, String idSuffix) {
        return g.nodes().keySet().stream().filter(id -> id.endsWith(idSuffix)).count();
    }

    /** Trainable scalars: conv and linear weights and biases, BN gamma and beta (not running statistics). */
    private static double learnableParameters(Graph g) {
        Map<String, TensorShape> shapes = ShapeInference.infer(g).shapes();
        long total = 0;
        for (Node n : g.nodes().values()) {
            List<String> in = g.inputsOf(n.id());
            if (in.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, int[]> p : ParamSpecs.of(n.op(), shapes.get(in.get(0))).entrySet()) {
                if (!p.getKey().equals("mean") && !p.getKey().equals("var")) {
                    long size = 1;
                    for (int d : p.getValue()) {
                        size *= d;
                    }
                    total += size;
                }
            }
        }
        return total;
    }
}
