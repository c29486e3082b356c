package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;

class LatencyTest {

    @Test
    void measuresAPositiveMedian() {
        Graph g = TestGraphs.repVggBlock(16, 28, 28);
        double ms = Latency.measureMs(g, RandomWeights.generate(g, 1), 2, 2, 5);
        assertTrue(ms > 0 && ms < 1000, ms + " ms");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Latency.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Latency.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void refusesNonsenseCounts() {
        Graph g = TestGraphs.repVggBlock(2, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> Latency.measureMs(g, RandomWeights.generate(g, 1), 1, 0, 0));
    }
}
