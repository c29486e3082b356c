package org.repstudio.app.collapse;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;
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
                                          String method, long seed) {
        FusionTrace fixed = CollapseSource.trace(biasPadded, weights, method);
        if (!fixed.exact() || !fixed.fused().contains(r.region())) {
            return Optional.empty();
        }
        Op.Input in = (Op.Input) original.node(original.inputIds().get(0)).op();
        Random rnd = new Random(seed);
        Tensor x = Tensor.zeros(1, in.channels(), in.height(), in.width());
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
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
        int ch = e.dim(1);
        int h = e.dim(2);
        int w = e.dim(3);
        double[][] map = new double[h][w];
        double border = 0;
        double interior = 0;
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double diff = Math.abs(e.get(0, c, i, j) - a.get(0, c, i, j));
                    map[i][j] = Math.max(map[i][j], diff);
                    boolean edge = i < reach || j < reach || i >= h - reach || j >= w - reach;
                    if (edge) {
                        border = Math.max(border, diff);
                    } else {
                        interior = Math.max(interior, diff);
                    }
                }
            }
        }
        return Optional.of(new BorderDiff(map, border, interior, reach));
    }
}
