package org.repstudio.app.quant;

import java.util.List;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.quant.KernelAnalysis;
import org.repstudio.core.quant.KernelReport;
import org.repstudio.core.quant.KernelSentences;

/**
 * What the Quantization view shows, without the toolkit: per fused kernel, the kernel, a [O, 2] map of its
 * channels' INT8 round-trip error in percent (column 0 under one per-tensor scale, column 1 under each
 * channel's own scale), and the sentences about it.
 */
public final class QuantViewModel {

    /** One fused kernel. */
    public record KernelView(KernelReport report, Tensor kernel, double[][] errorMap, String summary,
                             List<String> details) {
    }

    private final List<KernelView> kernels;

    /**
     * Fuses the design as its method says and analyses every fused kernel.
     *
     * @throws IllegalArgumentException when nothing was fused
     */
    public static QuantViewModel of(LoadedDesign d) {
        return of(d.graph(), d.weights(), d.method().fusion(false));
    }

    /** Fuses {@code graph} with {@code fusion} and analyses every fused kernel. */
    public static QuantViewModel of(Graph graph, Weights weights, FusionOptions fusion) {
        return new QuantViewModel(FusionPlanner.fuse(graph, weights, fusion));
    }

    /** The fused kernels of a collapse already made (the collapse player's). */
    public QuantViewModel(FusionTrace t) {
        kernels = KernelAnalysis.of(t).stream().map(r -> view(r, t.fusedWeights().get(r.node(), "weight"))).toList();
    }

    public List<KernelView> kernels() {
        return kernels;
    }

    private static KernelView view(KernelReport r, Tensor kernel) {
        double[][] map = new double[r.outChannels()][2];
        for (int c = 0; c < map.length; c++) {
            map[c][0] = 100 * r.errorPerTensor()[c];
            map[c][1] = 100 * r.errorPerChannel()[c];
        }
        List<String> details = new java.util.ArrayList<>();
        r.widest().forEach(c -> details.add(KernelSentences.widest(r, c)));
        details.add(KernelSentences.worst(r));
        return new KernelView(r, kernel, map, KernelSentences.summary(r), List.copyOf(details));
    }
}
