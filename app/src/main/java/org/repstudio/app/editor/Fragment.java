package org.repstudio.app.editor;

import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Node;

/**
 * A piece of a design cut out for the clipboard or kept as a reusable block: nodes, the wires between
 * them (wires to nodes outside are dropped), and positions relative to the piece's top-left corner.
 */
public record Fragment(List<Node> nodes, List<Edge> edges, Map<String, Pos> offsets) {
    public Fragment {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        offsets = Map.copyOf(offsets);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}
