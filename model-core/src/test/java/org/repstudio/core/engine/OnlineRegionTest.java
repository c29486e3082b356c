package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleCatalog;

/**
 * GraphBlock's online form: every sum runs as one squeezed conv, yet forward values and the gradients of
 * every branch parameter are those of the block with every branch run; non-OREPA designs are refused by node.
 */
class OnlineRegionTest {

    private static final Graph OREPA = sample("orepa.json");

    static Graph sample(String name) {
        return SampleCatalog.find(name).orElseThrow().design().graph();
    }

    @Test
    void orepaSampleIsOneRegionOfFiveBranches() {
        List<OnlineRegion> regions = OnlineRegion.all(OREPA);
        assertEquals(1, regions.size());
        OnlineRegion r = regions.get(0);
        assertEquals("add", r.sum());
        assertEquals("in", r.source());
        assertEquals(5, r.branches().size());
        assertEquals(3, r.kernelSize());
        assertTrue(r.members().containsAll(Set.of("conv3x3", "avg_pool", "seq_conv1x1", "pw_conv1x1", "scale_dwpw")));
    }

    @Test
    void onlineForwardAndGradientsEqualTheBranches() {
        Weights w = RandomWeights.generate(OREPA, 11);
        Tensor x = Equivalence.standardNormal(new long[] {4, 16, 32, 32}, 12);
        try (NDManager m = NDManager.newBaseManager()) {
            Step offline = step(new GraphBlock(OREPA), w, x, m);
            GraphBlock onlineBlock = GraphBlock.online(OREPA);
            Step online = step(onlineBlock, w, x, m);
            Comparison c = Equivalence.compareOutputs(offline.y, online.y);
            assertTrue(c.maxRelDiff() < 1e-5, "training-mode forward, online vs branches: " + c);
            assertEquals(offline.grads.keySet(), online.grads.keySet());
            Set<String> members = OnlineRegion.all(OREPA).get(0).members();
            int branchParams = 0;
            for (var e : online.grads.entrySet()) {
                Tensor g = e.getValue();
                if (members.contains(e.getKey().substring(0, e.getKey().indexOf('.')))) {
                    branchParams++;
                    assertTrue(maxAbs(g) > 0, "no gradient reached branch parameter " + e.getKey());
                }
                Comparison gc = Equivalence.compareOutputs(offline.grads.get(e.getKey()), g);
                assertTrue(gc.maxRelDiff() < 1e-4, "gradient of " + e.getKey() + ": " + gc);
            }
            assertEquals(12, branchParams, "the seven conv weights and five scales of the five branches");
        }
    }

    /** Output and every trainable parameter's gradient after one backward of mean(y^2). */
    private record Step(Tensor y, Map<String, Tensor> grads) {
    }

    private static Step step(GraphBlock block, Weights w, Tensor x, NDManager m) {
        GraphRunner.initializeWith(block, w, m);
        ParameterStore store = new ParameterStore(m, false);
        Map<String, Tensor> grads = new java.util.TreeMap<>();
        Tensor y;
        try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(store, new NDList(TensorBridge.toNDArray(s, x)), true).singletonOrThrow();
            y = TensorBridge.toTensor(out);
            gc.backward(out.square().mean());
            block.parameterNames().forEach((id, names) -> names.forEach(n -> {
                if (!n.equals("mean") && !n.equals("var")) {
                    grads.put(id + "." + n, TensorBridge.toTensor(block.parameter(id, n).getArray().getGradient()));
                }
            }));
        }
        return new Step(y, grads);
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void designsWithBatchNormBranchesAreRefusedNamingTheNode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphBlock.online(sample("repvgg-s1.json")));
        assertTrue(e.getMessage().contains("'add'") && e.getMessage().contains("batchnorm"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*'bn[^']*'.*"), "names the BN: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphBlock.online(sample("dbb-k3-s1-g1.json")));
        assertTrue(e.getMessage().contains("online training"), e.getMessage());
    }

    @Test
    void biasedBranchConvAndPlainConvAreRefused() {
        Graph biased = new GraphBuilder().input("in", 4, 8, 8)
                .add("a", Op.Conv.square(4, 3, 1, 1, 1, true), "in")
                .add("b", Op.Conv.square(4, 1, 1, 0, 1, false), "in")
                .add("sum", new Op.Add(), "a", "b").output("out", "sum").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnlineRegion.all(biased));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("bias"), e.getMessage());
        Graph plain = new GraphBuilder().input("in", 4, 8, 8).conv("c", "in", 4, 3, 1, 1, 1).bn("bn", "c")
                .output("out", "bn").build();
        e = assertThrows(IllegalArgumentException.class, () -> OnlineRegion.all(plain));
        assertTrue(e.getMessage().contains("no branch sum"), e.getMessage());
    }
}
