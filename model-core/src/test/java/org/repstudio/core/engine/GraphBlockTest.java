package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

/** Parameters, weight transfer, shapes and training-mode behaviour of {@link GraphBlock}. */
class GraphBlockTest {

    private static Graph convBnPrelu() {
        return new GraphBuilder().input("x", 3, 6, 6)
                .add("conv", Op.Conv.square(4, 3, 1, 1, 1, true), "x").bn("bn", "conv")
                .add("act", new Op.PRelu(), "bn").add("s", new Op.Scale(), "act").output("out", "s").build();
    }

    @Test
    void oneParameterPerSpecNamedByNodeWithRunningStatsNotTrained() {
        GraphBlock block = new GraphBlock(convBnPrelu());
        assertEquals(Map.of("conv", List.of("weight", "bias"), "bn", List.of("gamma", "beta", "mean", "var"),
                "act", List.of("alpha"), "s", List.of("scale")), block.parameterNames());
        assertEquals("conv.weight", block.parameter("conv", "weight").getName());
        assertEquals(new Shape(4, 3, 3, 3), block.parameter("conv", "weight").getShape());
        Parameter mean = block.parameter("bn", "mean");
        assertEquals(Parameter.Type.RUNNING_MEAN, mean.getType());
        assertFalse(mean.requiresGradient());
        assertEquals(Parameter.Type.RUNNING_VAR, block.parameter("bn", "var").getType());
        assertFalse(block.parameter("bn", "var").requiresGradient());
        assertTrue(block.parameter("bn", "gamma").requiresGradient());
        assertEquals(8, block.getParameters().size());
    }

    @Test
    void outputShapesFollowShapeInference() {
        Graph g = new GraphBuilder().input("x", 3, 9, 9).add("c", Op.Conv.square(5, 3, 2, 1, 1, false), "x")
                .add("gap", new Op.GlobalAvgPool(), "c").add("f", new Op.Flatten(), "gap").output("out", "f").build();
        GraphBlock block = new GraphBlock(g);
        assertArrayEquals(new Shape[] {new Shape(7, 5)}, block.getOutputShapes(new Shape[] {new Shape(7, 3, 9, 9)}));
        assertEquals(new Shape(2, 3, 9, 9), block.inputShape(2));
    }

    @Test
    void weightsRoundTripAsFloat32() {
        Graph g = convBnPrelu();
        Weights w = RandomWeights.generate(g, 42);
        GraphBlock block = new GraphBlock(g);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m);
            block.setWeights(w);
            Weights back = block.readWeights();
            assertEquals(w.byNode().keySet(), back.byNode().keySet());
            w.byNode().forEach((node, ps) -> ps.forEach((name, t) ->
                    assertEquals(NaiveOps.f32(t), back.get(node, name), node + "." + name)));
        }
    }

    @Test
    void wrongShapeOrMissingWeightsNameTheNodeAndParameter() {
        Graph g = convBnPrelu();
        Weights good = RandomWeights.generate(g, 1);
        GraphBlock block = new GraphBlock(g);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m);
            Weights wrong = good.with("conv", Map.of("weight", Tensor.zeros(4, 3, 1, 1),
                    "bias", good.get("conv", "bias")));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.setWeights(wrong));
            assertTrue(e.getMessage().contains("node 'conv' parameter 'weight'"), e.getMessage());
            assertTrue(e.getMessage().contains("[4, 3, 3, 3]") && e.getMessage().contains("[4, 3, 1, 1]"),
                    e.getMessage());

            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> block.setWeights(good.without("bn")));
            assertTrue(missing.getMessage().contains("node 'bn': missing parameter 'gamma'"), missing.getMessage());

            // nothing was written by the failed calls
            block.setWeights(good);
            Weights before = block.readWeights();
            assertThrows(IllegalArgumentException.class, () -> block.setWeights(wrong));
            assertEquals(before.get("conv", "bias"), block.readWeights().get("conv", "bias"));
        }
    }

    @Test
    void djlParameterFilesRoundTrip() throws Exception {
        Graph g = convBnPrelu();
        Weights w = RandomWeights.generate(g, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBlock saved = new GraphBlock(g);
            saved.initialize(m);
            saved.setWeights(w);
            saved.saveParameters(new DataOutputStream(bytes));
            GraphBlock loaded = new GraphBlock(g);
            loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(saved.readWeights().byNode(), loaded.readWeights().byNode());
        }
    }

    @Test
    void weightsNeedAnInitializedBlock() {
        GraphBlock block = new GraphBlock(convBnPrelu());
        assertThrows(IllegalStateException.class, block::readWeights);
    }

    @Test
    void invalidGraphIsRefusedWithItsProblems() {
        Graph g = new GraphBuilder().input("x", 3, 4, 4).add("c", Op.Conv.square(4, 7, 1, 0, 1, false), "x")
                .output("out", "c").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GraphBlock(g));
        assertTrue(e.getMessage().contains("node 'c' (kernel)"), e.getMessage());
    }

    @Test
    void trainingModeNormalizesWithBatchStatsAndUpdatesRunningStatsPyTorchStyle() {
        Graph g = new GraphBuilder().input("x", 2, 3, 3).bn("bn", "x").output("out", "bn").build();
        Weights w = RandomWeights.generate(g, 5);
        Tensor x = NaiveOps.f32(Equivalence.standardNormal(new long[] {4, 2, 3, 3}, 6));
        GraphBlock block = new GraphBlock(g);
        block.setBatchNormMomentum(0.25);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m);
            block.setWeights(w);
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(TensorBridge.toNDArray(m, x)), true)
                    .singletonOrThrow();
            Tensor out = TensorBridge.toTensor(y);
            Weights after = block.readWeights();
            for (int c = 0; c < 2; c++) {
                double[] stats = channelStats(x, c);
                double mean = stats[0];
                double biasedVar = stats[1];
                double unbiasedVar = biasedVar * stats[2] / (stats[2] - 1);
                double oldMean = NaiveOps.f32(w.get("bn", "mean")).get(c);
                double oldVar = NaiveOps.f32(w.get("bn", "var")).get(c);
                assertEquals(0.75 * oldMean + 0.25 * mean, after.get("bn", "mean").get(c), 1e-6);
                assertEquals(0.75 * oldVar + 0.25 * unbiasedVar, after.get("bn", "var").get(c), 1e-5);
                double gamma = NaiveOps.f32(w.get("bn", "gamma")).get(c);
                double beta = NaiveOps.f32(w.get("bn", "beta")).get(c);
                double expected = (x.get(1, c, 2, 0) - mean) / Math.sqrt(biasedVar + 1e-5) * gamma + beta;
                assertEquals(expected, out.get(1, c, 2, 0), 1e-5);
            }
        }
    }

    /** Mean, biased variance and count of channel c over N, H, W. */
    private static double[] channelStats(Tensor x, int c) {
        double sum = 0;
        double sq = 0;
        int count = 0;
        for (int n = 0; n < x.dim(0); n++) {
            for (int i = 0; i < x.dim(2); i++) {
                for (int j = 0; j < x.dim(3); j++) {
                    double v = x.get(n, c, i, j);
                    sum += v;
                    sq += v * v;
                    count++;
                }
            }
        }
        double mean = sum / count;
        return new double[] {mean, sq / count - mean * mean, count};
    }

    @Test
    void gradientsReachEveryTrainableParameterThroughBiasPadding() {
        // DBB's 1x1-BN-pad-KxK branch: the pad value depends on BN's gamma and beta
        Graph g = new GraphBuilder().input("x", 2, 5, 5)
                .add("c1", Op.Conv.square(3, 1, 1, 0, 1, false), "x").bn("bn", "c1")
                .add("pad", new Op.Pad(Padding.of(1), Op.PadMode.BIAS), "bn")
                .add("c3", Op.Conv.square(2, 3, 1, 0, 1, false), "pad").output("out", "c3").build();
        GraphBlock block = new GraphBlock(g);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m);
            block.setWeights(RandomWeights.generate(g, 3));
            NDArray x = TensorBridge.toNDArray(m, Equivalence.standardNormal(new long[] {2, 2, 5, 5}, 4));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.sum());
            }
            for (String[] p : new String[][] {{"c1", "weight"}, {"bn", "gamma"}, {"bn", "beta"}, {"c3", "weight"}}) {
                NDArray grad = block.parameter(p[0], p[1]).getArray().getGradient();
                assertNotEquals(0f, grad.abs().sum().getFloat(), p[0] + "." + p[1] + " has no gradient");
            }
        }
    }

    @Test
    void inferenceLeavesTheCallersInputAlive() {
        Graph g = new GraphBuilder().input("x", 2, 3, 3).add("a", new Op.Relu(), "x")
                .add("id", new Op.Identity(), "x").add("sum", new Op.Add(), "a", "id").output("out", "sum").build();
        GraphBlock block = new GraphBlock(g);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m);
            NDArray x = m.ones(new Shape(1, 2, 3, 3));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(2f, y.getFloat(0, 1, 2, 2));
            assertEquals(18f, x.sum().getFloat()); // the input was not freed with the intermediates
        }
    }
}
