package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

/** Each op run through DJL (Input -> op -> Output graphs) against {@link NaiveOps} loops. */
class OpKernelsTest {

    /** float32 engine vs float64 loops on the same float32-rounded values. */
    private static final double TOL = 2e-6;

    private static Tensor input(int n, int c, int h, int w, long seed) {
        return NaiveOps.f32(Equivalence.standardNormal(new long[] {n, c, h, w}, seed));
    }

    private static Tensor param(Weights w, String node, String name) {
        return NaiveOps.f32(w.get(node, name));
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double scale = Math.max(1, expected.maxAbs());
        double diff = Tensor.maxAbsDiff(expected, actual);
        assertTrue(diff <= TOL * scale, "max |diff| " + diff + " over max |expected| " + expected.maxAbs());
    }

    /** Input x [c, h, w] -> op "y" -> Output. */
    private static Graph single(int c, int h, int w, Op op) {
        return new GraphBuilder().input("x", c, h, w).add("y", op, "x").output("out", "y").build();
    }

    private static void checkConv(Op.Conv conv, int c, int h, int w) {
        Graph g = single(c, h, w, conv);
        Weights wts = RandomWeights.generate(g, 11);
        Tensor x = input(2, c, h, w, 5);
        Tensor bias = conv.bias() ? param(wts, "y", "bias") : null;
        Tensor expected = NaiveOps.conv(x, param(wts, "y", "weight"), bias, conv.strideH(), conv.strideW(),
                conv.padding(), conv.dilationH(), conv.dilationW(), conv.groups());
        assertClose(expected, GraphRunner.run(g, wts, x));
    }

    @Test
    void convWithStrideSymmetricPaddingAndBias() {
        checkConv(Op.Conv.square(6, 3, 2, 1, 1, true), 4, 9, 8);
    }

    @Test
    void convWithAsymmetricPaddingAndRectangularKernel() {
        checkConv(new Op.Conv(5, 3, 2, 1, 2, new Padding(0, 2, 1, 0), 1, 1, 1, false), 3, 7, 8);
    }

    @Test
    void convWithDilationAndGroups() {
        checkConv(new Op.Conv(8, 3, 3, 1, 1, Padding.of(2), 2, 2, 2, true), 4, 9, 9);
    }

    @Test
    void depthwiseConv() {
        checkConv(new Op.Conv(6, 5, 5, 2, 1, Padding.of(2, 1), 1, 1, 6, false), 6, 10, 7);
    }

    @Test
    void batchNormInferenceUsesRunningStats() {
        Graph g = single(5, 4, 6, new Op.BatchNorm(1e-3));
        Weights w = RandomWeights.generate(g, 3);
        Tensor x = input(2, 5, 4, 6, 1);
        Tensor expected = NaiveOps.batchNorm(x, param(w, "y", "gamma"), param(w, "y", "beta"),
                param(w, "y", "mean"), param(w, "y", "var"), 1e-3);
        assertClose(expected, GraphRunner.run(g, w, x));
    }

    @Test
    void scaleMultipliesEachChannel() {
        Graph g = single(4, 3, 3, new Op.Scale());
        Weights w = RandomWeights.generate(g, 3);
        Tensor x = input(2, 4, 3, 3, 2);
        assertClose(NaiveOps.scale(x, param(w, "y", "scale")), GraphRunner.run(g, w, x));
    }

    @Test
    void avgPoolCountsPaddedZeros() {
        Padding p = Padding.of(1);
        Graph g = single(3, 7, 6, new Op.AvgPool(3, 3, 1, 1, p));
        Tensor x = input(2, 3, 7, 6, 4);
        assertClose(NaiveOps.avgPool(x, 3, 3, 1, 1, p), GraphRunner.run(g, Weights.empty(), x));
    }

    @Test
    void avgPoolWithStrideAndAsymmetricOrWidePadding() {
        Tensor x = input(1, 2, 8, 9, 6);
        Padding asym = new Padding(1, 0, 0, 2);
        assertClose(NaiveOps.avgPool(x, 2, 3, 2, 2, asym),
                GraphRunner.run(single(2, 8, 9, new Op.AvgPool(2, 3, 2, 2, asym)), Weights.empty(), x));
        Padding wide = Padding.of(2); // more than half the kernel: engines refuse it natively
        assertClose(NaiveOps.avgPool(x, 2, 2, 1, 1, wide),
                GraphRunner.run(single(2, 8, 9, new Op.AvgPool(2, 2, 1, 1, wide)), Weights.empty(), x));
    }

    @Test
    void zeroPadIsExact() {
        Padding p = new Padding(2, 0, 1, 3);
        Graph g = single(3, 4, 5, new Op.Pad(p, Op.PadMode.ZERO));
        Tensor x = input(2, 3, 4, 5, 7);
        Tensor y = GraphRunner.run(g, Weights.empty(), x);
        assertEquals(NaiveOps.pad(x, p, new double[3]), y);
    }

    @Test
    void biasPadAfterBatchNormFillsBorderWithBiasAndLeavesInteriorBitIdentical() {
        Padding p = new Padding(1, 2, 2, 1);
        GraphBuilder b = new GraphBuilder().input("x", 4, 5, 5).bn("bn", "x");
        Graph padded = b.add("pad", new Op.Pad(p, Op.PadMode.BIAS), "bn").output("out", "pad").build();
        Graph plain = new GraphBuilder().input("x", 4, 5, 5).bn("bn", "x").output("out", "bn").build();
        Weights w = RandomWeights.generate(padded, 21);
        Tensor x = input(2, 4, 5, 5, 8);
        Tensor y = GraphRunner.run(padded, w, x);
        Tensor bn = GraphRunner.run(plain, w, x);
        double[] bias = new double[4];
        for (int c = 0; c < 4; c++) {
            bias[c] = NaiveOps.batchNormBias(param(w, "bn", "gamma"), param(w, "bn", "beta"),
                    param(w, "bn", "mean"), param(w, "bn", "var"), 1e-5, c);
        }
        Tensor expected = NaiveOps.pad(bn, p, bias);
        assertArrayEquals(expected.shape(), y.shape());
        NaiveOps.forEach(y, (n, c, i, j) -> {
            boolean inside = i >= p.top() && i < 5 + p.top() && j >= p.left() && j < 5 + p.left();
            if (inside) {
                assertEquals(expected.get(n, c, i, j), y.get(n, c, i, j), 0.0, "interior must be untouched");
            } else {
                assertEquals(bias[c], y.get(n, c, i, j), 1e-6 * Math.max(1, Math.abs(bias[c])), "border");
            }
        });
    }

    @Test
    void biasPadAfterBiasedConvUsesTheConvBias() {
        Padding p = Padding.of(1);
        Graph g = new GraphBuilder().input("x", 3, 4, 4).add("conv", Op.Conv.square(2, 1, 1, 0, 1, true), "x")
                .add("pad", new Op.Pad(p, Op.PadMode.BIAS), "conv").output("out", "pad").build();
        Weights w = RandomWeights.generate(g, 2);
        Tensor x = input(1, 3, 4, 4, 3);
        Tensor bias = param(w, "conv", "bias");
        Tensor conv = NaiveOps.conv(x, param(w, "conv", "weight"), bias, 1, 1, Padding.NONE, 1, 1, 1);
        assertClose(NaiveOps.pad(conv, p, bias.data()), GraphRunner.run(g, w, x));
    }

    @Test
    void concatStacksChannelsInPortOrder() {
        Graph g = new GraphBuilder().input("x", 3, 5, 5)
                .add("a", Op.Conv.square(2, 3, 1, 1, 1, false), "x")
                .add("b", Op.Conv.square(4, 1, 1, 0, 1, true), "x")
                .add("cat", new Op.Concat(), "a", "b").output("out", "cat").build();
        Weights w = RandomWeights.generate(g, 9);
        Tensor x = input(2, 3, 5, 5, 10);
        Tensor a = NaiveOps.conv(x, param(w, "a", "weight"), null, 1, 1, Padding.of(1), 1, 1, 1);
        Tensor b = NaiveOps.conv(x, param(w, "b", "weight"), param(w, "b", "bias"), 1, 1, Padding.NONE, 1, 1, 1);
        assertClose(NaiveOps.concat(a, b), GraphRunner.run(g, w, x));
    }

    @Test
    void addOfThreeBranchesWithIdentityAndRelu() {
        Graph g = new GraphBuilder().input("x", 3, 4, 4)
                .add("a", Op.Conv.square(3, 3, 1, 1, 1, false), "x")
                .add("b", new Op.Scale(), "x")
                .add("id", new Op.Identity(), "x")
                .add("sum", new Op.Add(), "a", "b", "id")
                .add("relu", new Op.Relu(), "sum").output("out", "relu").build();
        Weights w = RandomWeights.generate(g, 4);
        Tensor x = input(2, 3, 4, 4, 11);
        Tensor a = NaiveOps.conv(x, param(w, "a", "weight"), null, 1, 1, Padding.of(1), 1, 1, 1);
        Tensor b = NaiveOps.scale(x, param(w, "b", "scale"));
        assertClose(NaiveOps.relu(NaiveOps.add(a, b, x)), GraphRunner.run(g, w, x));
    }

    @Test
    void preluUsesOneSlopePerChannel() {
        Graph g = single(4, 3, 5, new Op.PRelu());
        Weights w = RandomWeights.generate(g, 8);
        Tensor x = input(2, 4, 3, 5, 12);
        assertClose(NaiveOps.prelu(x, param(w, "y", "alpha")), GraphRunner.run(g, w, x));
    }

    @Test
    void globalAvgPoolKeepsFourDimensions() {
        Graph g = single(3, 5, 7, new Op.GlobalAvgPool());
        Tensor x = input(2, 3, 5, 7, 13);
        assertClose(NaiveOps.globalAvgPool(x), GraphRunner.run(g, Weights.empty(), x));
    }

    @Test
    void flattenKeepsChannelRowColumnOrder() {
        Graph g = single(3, 2, 4, new Op.Flatten());
        Tensor x = input(2, 3, 2, 4, 14);
        Tensor y = GraphRunner.run(g, Weights.empty(), x);
        assertArrayEquals(new int[] {2, 24}, y.shape());
        assertArrayEquals(x.data(), y.data(), 0.0);
    }

    @Test
    void linearWithAndWithoutBias() {
        for (boolean withBias : new boolean[] {true, false}) {
            Graph g = new GraphBuilder().input("x", 3, 2, 2).add("flat", new Op.Flatten(), "x")
                    .add("fc", new Op.Linear(5, withBias), "flat").output("out", "fc").build();
            Weights w = RandomWeights.generate(g, 15);
            Tensor x = input(3, 3, 2, 2, 16);
            Tensor expected = NaiveOps.linear(x.reshape(3, 12), param(w, "fc", "weight"),
                    withBias ? param(w, "fc", "bias") : null);
            assertClose(expected, GraphRunner.run(g, w, x));
        }
    }
}
