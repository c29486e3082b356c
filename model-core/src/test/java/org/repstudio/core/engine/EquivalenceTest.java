package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

class EquivalenceTest {

    @Test
    void identicalGraphsHaveZeroDifference() {
        Graph g = TestGraphs.repVggBlock(8, 10, 10);
        Weights w = RandomWeights.generate(g, 7);
        Comparison c = Equivalence.compare(g, w, g, w, 1, 2);
        assertEquals(0.0, c.maxAbsDiff());
        assertEquals(0.0, c.maxRelDiff());
        assertTrue(c.maxAbsReference() > 0);
        assertArrayEquals(new long[] {2, 8, 10, 10}, c.outputShape());
    }

    @Test
    void differentWeightsShowUp() {
        Graph g = TestGraphs.repVggBlock(4, 6, 6);
        Comparison c = Equivalence.compare(g, RandomWeights.generate(g, 1), g, RandomWeights.generate(g, 2), 3, 1);
        assertTrue(c.maxAbsDiff() > 1e-3, c.toString());
        assertEquals(c.maxAbsDiff() / c.maxAbsReference(), c.maxRelDiff(), 1e-15);
    }

    @Test
    void aBnIdentityBranchEqualsItsHandFoldedScaleAndBias() {
        // BN(x) = x * g/sqrt(v+eps) + (beta - mean*g/sqrt(v+eps)): a 1x1 depthwise conv with bias
        Graph bn = new GraphBuilder().input("x", 3, 5, 5).bn("bn", "x").output("out", "bn").build();
        Graph conv = new GraphBuilder().input("x", 3, 5, 5).add("c", Op.Conv.square(3, 1, 1, 0, 3, true), "x")
                .output("out", "c").build();
        Weights wb = RandomWeights.generate(bn, 9);
        double[] k = new double[3];
        double[] b = new double[3];
        for (int c = 0; c < 3; c++) {
            double s = wb.get("bn", "gamma").get(c) / Math.sqrt(wb.get("bn", "var").get(c) + 1e-5);
            k[c] = s;
            b[c] = wb.get("bn", "beta").get(c) - wb.get("bn", "mean").get(c) * s;
        }
        Weights wc = Weights.empty().with("c", Map.of("weight", Tensor.of(new int[] {3, 1, 1, 1}, k),
                "bias", Tensor.vector(b)));
        Comparison cmp = Equivalence.compare(bn, wb, conv, wc, 5, 2);
        assertTrue(cmp.maxRelDiff() < 1e-6, cmp.toString());
    }

    @Test
    void graphsWithDifferentInputsCannotBeCompared() {
        Graph a = new GraphBuilder().input("x", 3, 4, 4).add("r", new Op.Relu(), "x").output("out", "r").build();
        Graph b = new GraphBuilder().input("x", 3, 5, 4).add("r", new Op.Relu(), "x").output("out", "r").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Equivalence.compare(a, Weights.empty(), b, Weights.empty(), 1, 1));
        assertTrue(e.getMessage().contains("different inputs"), e.getMessage());
    }

    @Test
    void sameSeedSameInput() {
        assertEquals(Equivalence.standardNormal(new long[] {2, 3}, 4), Equivalence.standardNormal(new long[] {2, 3}, 4));
    }

    @Test
    void wholeRepVggA0At224IsQuick() {
        Graph g = TestGraphs.repVggA0(224);
        Weights w = RandomWeights.generate(g, 1);
        Equivalence.compare(g, w, g, w, 0, 1); // warm the engine and the JIT
        long t0 = System.nanoTime();
        Comparison c = Equivalence.compare(g, w, g, w, 1, 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RepVGG-A0 %d nodes at 224x224: compare took %.3f s%n", g.nodes().size(), seconds);
        assertEquals(0.0, c.maxAbsDiff());
        assertArrayEquals(new long[] {1, 1000}, c.outputShape());
        // about 0.3 s on two idle cores; the bound only catches pathologies, as CI machines are shared
        assertTrue(seconds < 20, "took " + seconds + " s");
    }
}
