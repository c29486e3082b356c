package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.engine.GraphRunner;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/** Ops and corner cases the samples do not cover, each exported and run in ONNX Runtime against DJL. */
class OpMappingTest {

    /**
     * Asymmetric, dilated, grouped conv; PReLU on maps and on flat vectors; scale; a 3-way sum; zero and bias
     * pads; pool; concat; a bias-free linear. (AvgPool stride 2 straight before the BN and bias pad would make
     * the fusion planner fail with an index error in StepCheck.borderError, a fusion bug outside this package.)
     */
    static Graph everyOp() {
        return new GraphBuilder().input("x", 4, 9, 11)
                .add("c1", new Op.Conv(6, 3, 2, 1, 2, new Padding(1, 2, 0, 1), 2, 1, 2, true), "x")
                .add("pr", new Op.PRelu(), "c1")
                .add("sc", new Op.Scale(), "pr")
                .add("idn", new Op.Identity(), "pr")
                .add("sum3", new Op.Add(), "pr", "sc", "idn")
                .add("zp", new Op.Pad(new Padding(1, 0, 2, 1), Op.PadMode.ZERO), "sum3")
                .add("bn", new Op.BatchNorm(1e-3), "zp")
                .add("bp", new Op.Pad(Padding.of(1, 2), Op.PadMode.BIAS), "bn")
                .add("c2", Op.Conv.square(5, 3, 1, 0, 1, false), "bp")
                .add("ap", new Op.AvgPool(3, 3, 2, 2, Padding.of(1)), "c2")
                .add("cat", new Op.Concat(), "ap", "ap")
                .add("relu", new Op.Relu(), "cat")
                .add("gap", new Op.GlobalAvgPool(), "relu")
                .add("flat", new Op.Flatten(), "gap")
                .add("prf", new Op.PRelu(), "flat")
                .add("fc", new Op.Linear(7, false), "prf")
                .output("out", "fc").build();
    }

    @Test
    void everyOpRoundTripsInBothForms() {
        Graph g = everyOp();
        Weights w = RandomWeights.generate(g, 5);
        for (OnnxForm f : OnnxForm.values()) {
            ExportReport r = OnnxExporter.export(g, w, f, ExportOptions.defaults()).report();
            assertTrue(r.maxRelDiff() <= 1e-6, f + ": " + r.summary());
            assertArrayEquals(new long[] {1, 7}, r.outputShape());
        }
        ExportReport unfused = OnnxExporter.export(g, w, OnnxForm.UNFUSED, ExportOptions.defaults()).report();
        assertEquals(2, unfused.count("PRelu"));
        assertEquals(2, unfused.count("Pad"), "one zero pad, one bias pad");
        assertEquals(3, unfused.count("Add"), "a 3-way sum as two Adds, plus the bias pad's border");
        assertEquals(1, unfused.count("Mul"));
        assertEquals(1, unfused.count("Gemm"));
    }

    @Test
    void biasPaddingPutsTheBiasOnTheBorderOnly() {
        Tensor t = OpEmitter.borderTensor(new double[] {2, -3}, TensorShape.spatial(2, 2, 3), new Padding(1, 0, 0, 2));
        assertArrayEquals(new int[] {1, 2, 3, 5}, t.shape());
        // channel 0, row 0 is the top border; rows 1-2 are inside for columns 0-2, border for columns 3-4
        assertEquals(2, t.get(0, 0, 0, 0));
        assertEquals(0, t.get(0, 0, 1, 0));
        assertEquals(2, t.get(0, 0, 1, 3));
        assertEquals(-3, t.get(0, 1, 2, 4));
        assertEquals(0, t.get(0, 1, 2, 2));
    }

    @Test
    void inputWiredStraightToOutputGetsAnIdentity() throws Exception {
        Graph g = new GraphBuilder().input("x", 2, 3, 3).output("out", "x").build();
        OnnxModel m = OnnxExporter.export(g, Weights.empty(), OnnxForm.UNFUSED, ExportOptions.defaults());
        assertEquals(1, m.report().count("Identity"));
        assertEquals(0.0, m.report().maxAbsDiff());
    }

    @Test
    void nodeIdsThatLookLikeReservedNamesDoNotClash() {
        Graph g = new GraphBuilder().input("x", 3, 6, 6)
                .add("output", Op.Conv.square(3, 3, 1, 1, 1, true), "x")
                .add("input", new Op.Relu(), "output")
                .add("output.weight", Op.Conv.square(3, 1, 1, 0, 1, true), "input")
                .output("out", "output.weight").build();
        ExportReport r = OnnxExporter.export(g, RandomWeights.generate(g, 2), OnnxForm.UNFUSED,
                ExportOptions.defaults()).report();
        assertTrue(r.maxRelDiff() <= 1e-6, r.summary());
    }

    @Test
    void theModelTakesAnyBatch() throws Exception {
        Graph g = everyOp();
        Weights w = RandomWeights.generate(g, 8);
        OnnxModel m = OnnxExporter.export(g, w, OnnxForm.UNFUSED, ExportOptions.defaults());
        Tensor x = Equivalence.standardNormal(new long[] {3, 4, 9, 11}, 4);
        Tensor ort = OrtChecks.run(m.bytes(), x);
        Comparison c = Equivalence.compareOutputs(GraphRunner.run(g, w, x), ort);
        assertArrayEquals(new long[] {3, 7}, c.outputShape());
        assertTrue(c.maxRelDiff() <= 1e-6, c.toString());
    }
}
