package org.repstudio.app.collapse;

import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.Method;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The trace a collapse plays, the same way {@code ./repstudio fuse} computes it: the loaded design's weights
 * ({@link LoadedDesign}: its latest trained run, its sidecar, else random from the default seed), fused with
 * the design method's options and every step measured.
 */
public final class CollapseSource {

    private CollapseSource() {
    }

    /** Fuses the design as {@code fuse} does: the method's options, each step measured in float64. */
    public static FusionTrace trace(LoadedDesign d) {
        return FusionPlanner.fuse(d.graph(), d.weights(), d.method().fusion(true));
    }

    /** Fuses {@code graph} with {@code method}'s options (a variant of a design, e.g. bias-padded). */
    public static FusionTrace trace(Graph graph, Weights weights, Method method) {
        return FusionPlanner.fuse(graph, weights, method.fusion(true));
    }
}
