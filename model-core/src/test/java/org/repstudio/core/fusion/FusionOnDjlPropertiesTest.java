package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

/** The verify path on random blocks: the fused graph, run on DJL in float32, matches the unfused one. */
class FusionOnDjlPropertiesTest {

    // a fixed seed: float32 noise near the 1e-6 bar must not make CI flaky; the float64 property explores freely
    @Property(tries = 500, seed = "20261123")
    void fusedBlocksVerifyOnDjl(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
        Graph g = RandomBlocks.generate(seed);
        Weights w = RandomWeights.generate(g, seed);
        FusionTrace t = FusionPlanner.fuse(g, w, false);
        Comparison c = Equivalence.compare(g, w, t.fused(), t.fusedWeights(), seed, 2);
        assertTrue(c.maxAbsReference() == 0 ? c.maxAbsDiff() == 0 : c.maxRelDiff() <= 1e-6, "seed " + seed + " exact=" + t.exact() + ": " + c);
    }
}
