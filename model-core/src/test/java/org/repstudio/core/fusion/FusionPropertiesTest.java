package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;

/**
 * Over random blocks the planner either fuses a region exactly or refuses it with a reason, and in
 * both cases the design it returns computes the same function (float64): no silent wrong answers.
 */
class FusionPropertiesTest {

    @Property(tries = 600)
    void fusedDesignAlwaysComputesTheSameFunction(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
        Graph g = RandomBlocks.generate(seed);
        assertEquals(List.of(), Validator.validate(g), "generator made an invalid graph");
        Weights w = RandomWeights.generate(g, seed);
        FusionTrace t = FusionPlanner.fuse(g, w);
        var in = (Op.Input) g.node("in").op();
        double err = FusionPlannerTest.relError(g, w, t.fused(), t.fusedWeights(), in.channels(), in.height(), in.width());
        assertTrue(err < 1e-10, "seed " + seed + ": rel error " + err + " exact=" + t.exact());
        assertTrue(Validator.validate(t.fused()).isEmpty());
        assertEquals(ShapeInference.infer(g).shapes().get("out"), ShapeInference.infer(t.fused()).shapes().get("out"));
        if (t.exact()) {
            long linearLeft = t.fused().nodes().values().stream()
                    .filter(n -> n.op().isConvLinear() && !(n.op() instanceof Op.Conv)).count();
            assertEquals(0, linearLeft, "seed " + seed + ": exact fusion left conv-like nodes");
            assertTrue(t.maxStepError() < 1e-9, "seed " + seed + ": step error " + t.maxStepError());
        } else {
            t.refusals().forEach(r -> assertFalse(r.reason().isBlank()));
            String reason = t.refusals().get(0).reason().replaceAll("'[^']*'", "X").replaceAll("[0-9][0-9.e+-]*", "#");
            Statistics.label("reason").collect(reason.substring(0, Math.min(70, reason.length())));
        }
        Statistics.collect(t.exact() ? "exact" : "refused");
    }

    /**
     * A35 and its kin: a strided 1x1 producer, BN, bias padding, then a conv always fuses exactly, into one
     * conv with the producer's stride, whatever the input size's remainder.
     */
    @Property(tries = 200)
    void stridedProducerBeforeBiasPaddingFusesExactly(@ForAll @IntRange(min = 2, max = 3) int stride,
                                                       @ForAll @IntRange(min = 0, max = 2) int half,
                                                       @ForAll @IntRange(min = 5, max = 13) int size,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000L) long seed) {
        int k = 2 * half + 1;
        Graph g = new GraphBuilder().input("in", 4, size, size)
                .add("one", new Op.Conv(6, 1, 1, stride, stride, Padding.NONE, 1, 1, 1, false), "in")
                .bn("bn", "one")
                .add("pad", new Op.Pad(Padding.of(half), Op.PadMode.BIAS), "bn")
                .add("conv", Op.Conv.square(5, k, 1, 0, 1, true), "pad")
                .output("out", "conv").build();
        Weights w = RandomWeights.generate(g, seed);
        FusionTrace t = FusionPlanner.fuse(g, w);
        assertTrue(t.exact(), () -> t.refusals().get(0).reason());
        double err = FusionPlannerTest.relError(g, w, t.fused(), t.fusedWeights(), 4, size, size);
        assertTrue(err < 1e-10, "rel error " + err);
        Op.Conv fused = (Op.Conv) t.fused().nodes().values().stream().filter(n -> n.op() instanceof Op.Conv)
                .findFirst().orElseThrow().op();
        assertEquals(stride, fused.strideH());
        assertEquals((k - 1) * stride + 1, fused.kernelH());
    }
}
