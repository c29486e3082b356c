package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.SampleCatalog;

/**
 * Every bundled sample: exact ones collapse to one conv per region and match the unfused graph
 * (float64 <= 1e-12 for blocks, DJL float32 <= 1e-6 for all); refused ones are refused with the reason.
 */
class SampleFusionTest {

    static Stream<SampleCatalog.Sample> samples() {
        return SampleCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleFusesAsItDeclares(SampleCatalog.Sample sample) {
        DesignFile d = sample.design();
        Graph g = d.graph();
        Weights w = SampleCatalog.storedWeights(sample.path()).orElseGet(() -> RandomWeights.generate(g, 42));
        FusionTrace t = FusionPlanner.fuse(g, w, FusionOptions.forMethod(d.method(), !sample.path().startsWith("networks/")));
        boolean expectExact = d.expect().orElseThrow() == DesignFile.Expect.EXACT;
        assertEquals(expectExact, t.exact(), () -> sample.path() + ": " + t.refusals());
        Comparison djl = Equivalence.compare(g, w, t.fused(), t.fusedWeights(), 42, 2);
        assertTrue(djl.maxRelDiff() <= 1e-6, sample.path() + ": DJL " + djl);
        if (!sample.path().startsWith("networks/")) {
            Op.Input in = (Op.Input) g.node(g.inputIds().get(0)).op();
            Tensor x = StepCheck.random(new Random(1), 2, in.channels(), in.height(), in.width());
            Tensor a = ReferenceExecutor.run(g, w, x);
            Tensor b = ReferenceExecutor.run(t.fused(), t.fusedWeights(), x);
            double rel = Tensor.maxAbsDiff(a, b) / a.maxAbs();
            assertTrue(rel <= 1e-12, sample.path() + ": float64 rel error " + rel);
            assertTrue(t.maxStepError() <= 1e-12 * Math.max(1, a.maxAbs()), "step error " + t.maxStepError());
        }
        if (expectExact) {
            if (d.method().equals("ResRep")) {
                assertTrue(t.steps().stream().anyMatch(s -> s.rule() == FusionRule.PRUNE_CHANNELS), "nothing pruned");
            }
            if (!d.method().equals("RMNet") && !d.method().equals("RepMLP")) {
                assertEquals(t.regions().size(), FusionPlannerTest.convCount(t.fused()), sample.path());
            }
            assertTrue(t.fused().nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Add), sample.path());
            assertTrue(t.fused().nodes().values().stream()
                    .noneMatch(n -> n.op().isConvLinear() && !(n.op() instanceof Op.Conv)), sample.path());
        } else {
            assertFalse(t.refusals().get(0).reason().isBlank());
        }
    }

    private static FusionTrace fuse(String path) {
        Graph g = SampleCatalog.find(path).orElseThrow().design().graph();
        return FusionPlanner.fuse(g, RandomWeights.generate(g, 7));
    }

    private static List<FusionRule> rules(FusionTrace t) {
        return t.steps().stream().map(FusionStep::rule).toList();
    }

    @Test
    void repvggStepsFoldSumInOrder() {
        assertEquals(List.of(FusionRule.BN_FOLD, FusionRule.BN_FOLD, FusionRule.BN_AS_CONV, FusionRule.BRANCH_SUM),
                rules(fuse("repvgg-s1.json")));
        assertEquals(List.of(FusionRule.BN_FOLD, FusionRule.BN_FOLD, FusionRule.BRANCH_SUM), rules(fuse("repvgg-s2.json")));
    }

    @Test
    void dbbUsesEveryTransform() {
        List<FusionRule> r = rules(fuse("dbb-k3-s1-g1.json"));
        assertEquals(FusionRule.BRANCH_SUM, r.get(r.size() - 1));
        for (FusionRule expected : List.of(FusionRule.BN_FOLD, FusionRule.AVGPOOL_AS_CONV, FusionRule.PAD_FOLD,
                FusionRule.SEQUENTIAL_MERGE)) {
            assertTrue(r.contains(expected), expected + " missing from " + r);
        }
        assertTrue(rules(fuse("inception-concat.json")).contains(FusionRule.DEPTH_CONCAT));
    }

    @Test
    void refusedSamplesSayWhy() {
        Refusal pad = fuse("refused/dbb-zero-pad.json").refusals().get(0);
        assertTrue(pad.reason().contains("zero padding") && pad.reason().contains("use bias padding"), pad.reason());
        assertTrue(pad.maxBorderError() > 0.01 && pad.maxInteriorError() < 1e-12, pad.toString());
        Refusal mb = fuse("refused/fused-mbconv.json").refusals().get(0);
        assertTrue(mb.reason().contains("nonlinearity") && mb.reason().contains("relu"), mb.reason());
    }

    @Test
    void repvggA0FusesWellUnderASecond() {
        Graph g = SampleCatalog.find("networks/repvgg-a0.json").orElseThrow().design().graph();
        Weights w = RandomWeights.generate(g, 1);
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = FusionPlanner.fuse(g, w, false).millis();
        }
        java.util.Arrays.sort(ms);
        System.out.printf("repvgg-a0 fuse: median %.1f ms over %d runs%n", ms[ms.length / 2], ms.length);
        // generous bound: CI machines are shared; the figure itself is printed above
        assertTrue(ms[ms.length / 2] < 1000, "median " + ms[ms.length / 2] + " ms");
    }
}
