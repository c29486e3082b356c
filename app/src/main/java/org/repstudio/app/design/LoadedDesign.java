package org.repstudio.app.design;

import java.util.Map;
import java.util.Objects;
import org.repstudio.core.graph.Graph;

/**
 * A design as the editor shows it: its name, the block graph, and where each node sits on the canvas.
 *
 * @param name      a short name for the title bar
 * @param graph     the block graph
 * @param positions node id to {x, y} of the node box's top-left corner, in canvas pixels; nodes missing
 *                  here are placed automatically
 */
public record LoadedDesign(String name, Graph graph, Map<String, double[]> positions) {
    public LoadedDesign {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        positions = Map.copyOf(positions);
    }
}
