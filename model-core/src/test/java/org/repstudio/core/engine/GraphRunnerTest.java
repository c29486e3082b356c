package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

class GraphRunnerTest {

    @Test
    void invalidGraphGivesAnErrorListingEveryProblem() {
        Graph g = new GraphBuilder().input("x", 3, 4, 4).add("c", Op.Conv.square(4, 3, 1, 1, 2, false), "x")
                .add("dangling", new Op.Relu(), "x").output("out", "c").build();
        Tensor x = Tensor.zeros(1, 3, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphRunner.run(g, Weights.empty(), x));
        assertTrue(e.getMessage().contains("2 problem(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'c' (groups)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'dangling' (output)"), e.getMessage());
    }

    @Test
    void inputOfTheWrongShapeIsRefused() {
        Graph g = new GraphBuilder().input("x", 3, 4, 4).add("r", new Op.Relu(), "x").output("out", "r").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphRunner.run(g, Weights.empty(), Tensor.zeros(1, 3, 5, 4)));
        assertTrue(e.getMessage().contains("[N, 3, 4, 4]"), e.getMessage());
    }

    @Test
    void unknownEngineIsNamed() {
        Graph g = new GraphBuilder().input("x", 1, 2, 2).add("r", new Op.Relu(), "x").output("out", "r").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphRunner.run(g, Weights.empty(), Tensor.zeros(1, 1, 2, 2), Device.cpu(), "NoSuchEngine"));
        assertTrue(e.getMessage().contains("NoSuchEngine"), e.getMessage());
    }

    @Test
    void aHundredNodeGraphRuns() {
        Graph g = TestGraphs.deepChain(33, 8, 12); // 101 nodes
        Tensor y = GraphRunner.run(g, RandomWeights.generate(g, 1),
                Equivalence.standardNormal(new long[] {2, 8, 12, 12}, 2));
        assertArrayEquals(new int[] {2, 8, 12, 12}, y.shape());
        for (double v : y.data()) {
            assertTrue(Double.isFinite(v) && v >= 0);
        }
        assertTrue(y.maxAbs() > 0);
    }

    @Test
    void explicitDeviceAndEngineRunTheSame() {
        Graph g = TestGraphs.repVggBlock(4, 6, 6);
        Weights w = RandomWeights.generate(g, 3);
        Tensor x = Equivalence.standardNormal(new long[] {1, 4, 6, 6}, 3);
        Tensor a = GraphRunner.run(g, w, x);
        Tensor b = GraphRunner.run(g, w, x, Device.cpu(), "PyTorch");
        assertTrue(a.equals(b));
    }
}
