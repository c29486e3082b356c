package org.repstudio.app.collapse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * The weights a collapse runs on and the trace itself, the same way {@code ./repstudio fuse} gets them:
 * the design's weights sidecar when it fits the graph, otherwise random weights with random BN statistics
 * from the seed (42, the CLI's default), fused with the design method's options and every step measured.
 */
public final class CollapseSource {

    /** The CLI's default seed for random weights. */
    public static final long SEED = 42;

    private CollapseSource() {
    }

    /** The sidecar weights of {@code design} (read beside {@code file}) if they fit {@code graph}, else random. */
    public static Weights weights(DesignFile design, Path file, Graph graph, long seed) {
        if (file != null && design.weights().isPresent()) {
            try {
                Optional<Weights> w = DesignIO.readWeights(file, design);
                if (w.isPresent() && WeightsCheck.problems(graph, w.get()).isEmpty()) {
                    return w.get();
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable or stale sidecar: fall back to random weights, as for a design without one
            }
        }
        return RandomWeights.generate(graph, seed);
    }

    /** Fuses {@code graph} as {@code fuse} does: the method's options, each step measured in float64. */
    public static FusionTrace trace(Graph graph, Weights weights, String method) {
        return FusionPlanner.fuse(graph, weights, FusionOptions.forMethod(method, true));
    }
}
