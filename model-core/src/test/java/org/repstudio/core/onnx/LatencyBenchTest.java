package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.io.SampleCatalog;

/** The bench API on a small block with few rounds: plausible numbers, consistent ratios, progress to 1. */
class LatencyBenchTest {

    @Test
    void smallBlockGivesPositiveMediansAndConsistentRatios() {
        Graph g = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
        List<Double> fractions = new ArrayList<>();
        List<BenchStage> stages = new ArrayList<>();
        BenchOptions options = BenchOptions.defaults().withReps(5).withWarmup(1);
        BenchResult r = LatencyBench.run(g, RandomWeights.generate(g, 1), options, (stage, f) -> {
            stages.add(stage);
            fractions.add(f);
        });
        for (BenchResult.Timing t : List.of(r.unfused(), r.fused(), r.plain())) {
            assertTrue(t.djlMs() > 0 && t.ortMs() > 0 && t.djlMs() < 10_000 && t.ortMs() < 10_000, t.toString());
            assertTrue(t.djlMinMs() > 0 && t.djlMinMs() <= t.djlMs() && t.ortMinMs() <= t.ortMs(), t.toString());
        }
        assertEquals(r.unfused().ortMs() / r.fused().ortMs(), r.speedupOrt(), 1e-12);
        assertEquals(r.unfused().djlMs() / r.fused().djlMs(), r.speedupDjl(), 1e-12);
        assertEquals(r.fused().ortMs() / r.plain().ortMs(), r.fusedVsPlainOrt(), 1e-12);
        assertEquals(r.fused().djlMs() / r.plain().djlMs(), r.fusedVsPlainDjl(), 1e-12);
        assertEquals(r.unfused().ortMinMs() / r.fused().ortMinMs(), r.speedupOrtBest(), 1e-12);
        assertEquals(r.fused().ortMinMs() / r.plain().ortMinMs(), r.fusedVsPlainOrtBest(), 1e-12);
        assertEquals(2, r.unfusedConvs());
        assertEquals(1, r.fusedConvs());
        assertTrue(r.exact());
        assertTrue(r.noise() >= 0 && Double.isFinite(r.noise()), "noise " + r.noise());
        assertEquals(options, r.options());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertEquals(BenchStage.DONE, stages.get(stages.size() - 1));
        assertTrue(stages.contains(BenchStage.MEASURING) && stages.contains(BenchStage.WARMING_UP), stages.toString());
    }

    @Test
    void nonsenseOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.defaults().withReps(0));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.defaults().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.defaults().withBatch(0));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, LatencyBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, LatencyBench.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void quantilesAndNoise() {
        double[] v = {5, 1, 3, 2, 4};
        assertEquals(2.0, LatencyBench.quantile(v, 0.25));
        assertEquals(4.0, LatencyBench.quantile(v, 0.75));
        assertEquals(2.0 / 3.0, LatencyBench.noise(new double[][] {v, {1, 1, 1}}), 1e-12);
    }
}
