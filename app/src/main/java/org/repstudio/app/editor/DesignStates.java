package org.repstudio.app.editor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.Position;

/** Converts between a saved {@link DesignFile} and the editor's {@link EditorState}. */
public final class DesignStates {

    private DesignStates() {
    }

    /** The editor state of a design; nodes without a saved position are laid out automatically. */
    public static EditorState fromDesign(DesignFile design) {
        Graph g = design.graph();
        Map<String, Pos> pos = new LinkedHashMap<>();
        Map<String, Position> auto = null;
        for (String id : g.nodes().keySet()) {
            Position p = design.positions().get(id);
            if (p == null) {
                if (auto == null) {
                    auto = LayeredLayout.positions(g);
                }
                p = auto.get(id);
            }
            pos.put(id, new Pos(p.x(), p.y()));
        }
        return new EditorState(g, pos, Map.of(), Map.of());
    }

    /** {@code template} (name, description, method, weights, expectation) with the state's graph and positions. */
    public static DesignFile toDesign(EditorState state, DesignFile template) {
        Map<String, Position> pos = new LinkedHashMap<>();
        for (String id : state.graph().nodes().keySet()) {
            Pos p = state.pos(id);
            pos.put(id, new Position(p.x(), p.y()));
        }
        return template.withGraph(state.graph()).withPositions(pos);
    }
}
