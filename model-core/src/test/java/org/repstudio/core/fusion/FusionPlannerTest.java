package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

class FusionPlannerTest {

    static double relError(Graph a, Weights wa, Graph b, Weights wb, int c, int h, int w) {
        Tensor x = StepCheck.random(new Random(3), 2, c, h, w);
        Tensor ya = ReferenceExecutor.run(a, wa, x);
        Tensor yb = ReferenceExecutor.run(b, wb, x);
        // an all-zero output (every pixel below the ReLU) compares absolutely
        return Tensor.maxAbsDiff(ya, yb) / Math.max(ya.maxAbs(), 1e-30);
    }

    static long convCount(Graph g) {
        return g.nodes().values().stream().filter(n -> n.op() instanceof Op.Conv).count();
    }

    @Test
    void repvggBlockBecomesOneConv() {
        Graph g = new GraphBuilder().input("in", 8, 10, 10)
                .convBn("c3", "in", 8, 3, 1, 1, 1)
                .convBn("c1", "in", 8, 1, 1, 0, 1)
                .bn("bnid", "in")
                .add("add", new Op.Add(), "c3_bn", "c1_bn", "bnid")
                .add("relu", new Op.Relu(), "add")
                .output("out", "relu").build();
        Weights w = RandomWeights.generate(g, 1);
        FusionTrace t = FusionPlanner.fuse(g, w);
        assertTrue(t.exact(), () -> t.refusals().toString());
        assertEquals(1, convCount(t.fused()));
        assertEquals(4, t.fused().nodes().size());
        List<FusionRule> rules = t.steps().stream().map(FusionStep::rule).toList();
        assertEquals(List.of(FusionRule.BN_FOLD, FusionRule.BN_FOLD, FusionRule.BN_AS_CONV, FusionRule.BRANCH_SUM), rules);
        assertTrue(t.maxStepError() < 1e-12, "step error " + t.maxStepError());
        assertTrue(relError(g, w, t.fused(), t.fusedWeights(), 8, 10, 10) < 1e-12);
    }

    static GraphBuilder dbb(Op.PadMode mode, int k, int s, int groups) {
        int p = k / 2;
        GraphBuilder b = new GraphBuilder().input("in", 8, 12, 12)
                .convBn("kxk", "in", 8, k, s, p, groups)
                .convBn("one", "in", 8, 1, s, 0, groups)
                .convBn("avg1", "in", 8, 1, 1, 0, groups);
        if (mode == null) {
            b.add("avg", new Op.AvgPool(k, k, s, s, Padding.of(p)), "avg1_bn");
        } else {
            b.add("avgpad", new Op.Pad(Padding.of(p), mode), "avg1_bn")
                    .add("avg", new Op.AvgPool(k, k, s, s, Padding.NONE), "avgpad");
        }
        b.bn("avg_bn", "avg").convBn("seq1", "in", 8, 1, 1, 0, groups);
        if (mode == null) {
            b.convBn("seqk", "seq1_bn", 8, k, s, p, groups);
        } else {
            b.add("seqpad", new Op.Pad(Padding.of(p), mode), "seq1_bn").convBn("seqk", "seqpad", 8, k, s, 0, groups);
        }
        return b.add("add", new Op.Add(), "kxk_bn", "one_bn", "avg_bn", "seqk_bn")
                .add("relu", new Op.Relu(), "add").output("out", "relu");
    }

    @Test
    void dbbWithBiasPaddingIsExact() {
        for (int[] cfg : new int[][] {{3, 1, 1}, {3, 2, 2}, {5, 1, 2}, {5, 2, 1}}) {
            Graph g = dbb(Op.PadMode.BIAS, cfg[0], cfg[1], cfg[2]).build();
            Weights w = RandomWeights.generate(g, 2);
            FusionTrace t = FusionPlanner.fuse(g, w);
            assertTrue(t.exact(), () -> t.refusals().toString());
            assertEquals(1, convCount(t.fused()));
            double err = relError(g, w, t.fused(), t.fusedWeights(), 8, 12, 12);
            assertTrue(err < 1e-12, "rel error " + err + " for " + java.util.Arrays.toString(cfg));
            assertTrue(t.maxStepError() < 1e-11, "step error " + t.maxStepError());
        }
    }

    @Test
    void dbbWithZeroPaddingIsRefusedWithBorderError() {
        Graph g = dbb(null, 3, 1, 1).build();
        Weights w = RandomWeights.generate(g, 2);
        FusionTrace t = FusionPlanner.fuse(g, w);
        assertFalse(t.exact());
        Refusal r = t.refusals().get(0);
        assertTrue(r.reason().contains("zero padding"), r.reason());
        assertTrue(r.reason().contains("bias padding"), r.reason());
        assertTrue(r.maxBorderError() > 1e-3, r.reason());
        assertTrue(r.maxInteriorError() < 1e-12, r.reason());
        assertEquals(g, t.fused());
    }

    @Test
    void residualAcrossReluIsRefused() {
        Graph g = new GraphBuilder().input("in", 8, 10, 10)
                .convBn("c3", "in", 16, 3, 1, 1, 1).add("r1", new Op.Relu(), "c3_bn")
                .convBn("c1", "r1", 8, 1, 1, 0, 1)
                .add("add", new Op.Add(), "in", "c1_bn").output("out", "add").build();
        FusionTrace t = FusionPlanner.fuse(g, RandomWeights.generate(g, 3));
        assertEquals(1, t.refusals().size());
        assertTrue(t.refusals().get(0).reason().contains("'r1' (relu)"), t.refusals().get(0).reason());
        assertEquals(2, convCount(t.fused()));
        assertTrue(relError(g, RandomWeights.generate(g, 3), t.fused(), t.fusedWeights(), 8, 10, 10) < 1e-12);
    }

    @Test
    void refusalWhoseSmallCheckInputDoesNotFitIsStillMeasured() {
        // avg-pool stride 2 then an asymmetric bias pad: the naive fusion's grid differs on a cut-down input
        Graph g = new GraphBuilder().input("in", 6, 10, 6)
                .add("pool", new Op.AvgPool(3, 3, 2, 2, Padding.of(1)), "in").bn("bn", "pool")
                .add("pad", new Op.Pad(new Padding(1, 2, 1, 2), Op.PadMode.BIAS), "bn")
                .conv("c", "pad", 6, 3, 1, 0, 1).output("out", "c").build();
        FusionTrace t = FusionPlanner.fuse(g, RandomWeights.generate(g, 4));
        assertFalse(t.exact());
        assertFalse(t.refusals().get(0).reason().isBlank());
        assertTrue(relError(g, RandomWeights.generate(g, 4), t.fused(), t.fusedWeights(), 6, 10, 6) < 1e-12);
    }
}
