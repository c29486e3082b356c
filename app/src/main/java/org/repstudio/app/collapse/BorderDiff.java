package org.repstudio.app.collapse;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.design.Method;
import org.repstudio.core.fusion.BorderError;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.ReferenceExecutor;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/**
 * Where the naive fusion of a region refused for zero padding after a biased op goes wrong. The naive
 * fused conv is the one the planner builds for the same design with bias padding (it puts the bias in
 * the border, as any fused conv must); the design and that conv run on one random input in float64
 * (the engine's reference path), and the map holds, per output pixel, the largest difference over the
 * channels at the region's exit. Only the border differs.
 *
 * @param map      [H, W] max over channels of |design - naive fused conv|
 * @param border   largest difference within the fused kernel's reach of an edge
 * @param interior largest difference elsewhere
 * @param reach    border width in pixels
 */
public record BorderDiff(double[][] map, double border, double interior, int reach) {

    /** The map for {@code r} of {@code original}, or empty when the bias-padded design does not fuse. */
    public static Optional<BorderDiff> of(Graph original, Weights weights, Refusal r, Graph biasPadded,
                                          Method method, long seed) {
        FusionTrace fixed = CollapseSource.trace(biasPadded, weights, method);
        if (!fixed.exact() || !fixed.fused().contains(r.region())) {
            return Optional.empty();
        }
        Op.Input in = (Op.Input) original.node(original.inputIds().get(0)).op();
        Tensor x = Tensor.gaussian(new Random(seed), 1, in.channels(), in.height(), in.width());
        Map<String, Tensor> expected = ReferenceExecutor.runAll(original, weights, x);
        Map<String, Tensor> naive = ReferenceExecutor.runAll(fixed.fused(), fixed.fusedWeights(), x);
        Tensor e = expected.get(r.region());
        Tensor a = naive.get(r.region());
        if (e == null || a == null || !e.sameShape(a)) {
            return Optional.empty();
        }
        int reach = 1;
        if (fixed.fused().node(r.region()).op() instanceof Op.Conv c) {
            reach = Math.max(1, Math.max(c.kernelH(), c.kernelW()) / 2);
        }
        BorderError diff = BorderError.measure(e, a, reach, reach);
        return Optional.of(new BorderDiff(diff.map(), diff.border(), diff.interior(), reach));
    }
}
