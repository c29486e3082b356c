package org.repstudio.app.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignGroup;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.Position;

/** Converts between a saved {@link DesignFile} and the editor's {@link EditorState}. */
public final class DesignStates {

    private DesignStates() {
    }

    /**
     * The editor state of a design; nodes without a saved position are laid out automatically, and a layout
     * far wider than a window is folded into bands ({@link BandWrap}).
     */
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
        // a whole network saved as one long row opens folded into bands, readable when fitted; the folding
        // is how the editor shows the design, not an edit (the design opens unmodified)
        Map<String, Pos> unfolded = spread(pos);
        Map<String, Pos> spread = BandWrap.wrap(unfolded);
        Map<String, BlockGroup> groups = new LinkedHashMap<>();
        Map<String, Fragment> blocks = new LinkedHashMap<>();
        for (DesignGroup dg : design.groups()) {
            // the saved box position is rescaled like the nodes when the columns were spread
            Pos at = spread == unfolded ? new Pos(dg.at().x(), dg.at().y()) : EditorViewModel.topLeft(dg.members(), spread);
            groups.put(dg.id(), new BlockGroup(dg.id(), dg.name(), dg.members(), at, dg.collapsed()));
            blocks.putIfAbsent(dg.name(), EditorViewModel.fragmentOf(g, spread, dg.members()));
        }
        return new EditorState(g, spread, groups, blocks);
    }

    /** Smallest distance between columns that leaves room for a wire and its shape label. */
    public static final double MIN_COLUMN = 235;
    /** Boxes in one row closer than this (left edge to left edge) leave no room for a wire label. */
    static final double CROWDED = 225;
    /** A box's size on the canvas (NodeSkin draws it; the view model lays boxes out by it). */
    public static final double BOX_WIDTH = 150;
    public static final double BOX_HEIGHT = 66;

    /**
     * Positions pushed apart horizontally when boxes of one row are crowded (designs laid out for
     * narrower boxes), so wires and their shape labels stay readable. Other designs are kept as saved.
     */
    static Map<String, Pos> spread(Map<String, Pos> pos) {
        List<Pos> all = new ArrayList<>(pos.values());
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.size(); j++) {
                Pos a = all.get(i);
                Pos b = all.get(j);
                double dx = b.x() - a.x();
                if (dx > 1 && Math.abs(b.y() - a.y()) < BOX_HEIGHT) {
                    min = Math.min(min, dx);
                }
            }
        }
        if (Double.isInfinite(min) || min >= CROWDED) {
            return pos;
        }
        double k = MIN_COLUMN / min;
        Map<String, Pos> out = new LinkedHashMap<>();
        for (Map.Entry<String, Pos> e : pos.entrySet()) {
            out.put(e.getKey(), new Pos(Math.round(e.getValue().x() * k), e.getValue().y()));
        }
        return out;
    }

    /**
     * {@code template} (name, description, method, weights, expectation) with the state's graph, positions
     * and sub-block groups (the library of blocks is rebuilt from the groups on the next open).
     */
    public static DesignFile toDesign(EditorState state, DesignFile template) {
        Map<String, Position> pos = new LinkedHashMap<>();
        for (String id : state.graph().nodes().keySet()) {
            Pos p = state.pos(id);
            pos.put(id, new Position(p.x(), p.y()));
        }
        List<DesignGroup> groups = new ArrayList<>();
        for (BlockGroup g : state.groups().values()) {
            groups.add(new DesignGroup(g.id(), g.name(), g.members(), new Position(g.pos().x(), g.pos().y()),
                    g.collapsed()));
        }
        return template.withGraph(state.graph()).withPositions(pos).withGroups(groups);
    }
}
