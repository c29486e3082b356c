package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.graph.Graph;

/**
 * Where each node sits after a step: nodes that survive keep their place; the node a step writes, when
 * new, goes to the middle of the nodes it replaces (or between its neighbours); a shared conv's copy
 * goes just below the original. At the end the fused design is tidied ({@link #tidy}): what the steps
 * left where the many nodes of the original were is laid out again as the editor's auto-arrange does. Pure.
 */
public final class CollapseLayout {

    /** Vertical offset of a duplicated node below its original. */
    static final double COPY_OFFSET = 90;

    private CollapseLayout() {
    }

    /** Positions of {@code step.graphAfter()} given the positions before it. */
    public static Map<String, Pos> after(Map<String, Pos> before, FusionStep step) {
        Graph g = step.graphAfter();
        Map<String, Pos> out = new LinkedHashMap<>();
        for (String id : g.nodes().keySet()) {
            Pos p = before.get(id);
            if (p != null) {
                out.put(id, p);
            }
        }
        for (String id : g.nodes().keySet()) {
            if (out.containsKey(id)) {
                continue;
            }
            Pos p = null;
            if (id.equals(step.nodeOut())) {
                p = centroid(before, step.nodesIn());
                if (p != null && step.nodesIn().size() == 1) {
                    p = p.plus(0, COPY_OFFSET); // a copy of one node: beside it, not on top of it
                }
            }
            if (p == null) {
                List<String> near = new ArrayList<>(g.inputsOf(id));
                near.addAll(g.consumersOf(id));
                p = centroid(out, near);
            }
            out.put(id, p == null ? new Pos(0, 0) : p);
        }
        return out;
    }

    /**
     * {@code g} laid out compactly as the editor's auto-arrange does, moved so its top-left corner is
     * where the top-left of {@code before} (its positions as the steps left them) was: the design closes
     * up toward its input instead of jumping elsewhere on the canvas.
     */
    public static Map<String, Pos> tidy(Map<String, Pos> before, Graph g) {
        Map<String, Pos> arranged = EditorViewModel.arranged(g);
        Pos from = topLeft(arranged);
        Pos to = topLeft(before);
        Map<String, Pos> out = new LinkedHashMap<>();
        for (Map.Entry<String, Pos> e : arranged.entrySet()) {
            out.put(e.getKey(), e.getValue().plus(to.x() - from.x(), to.y() - from.y()));
        }
        return out;
    }

    private static Pos topLeft(Map<String, Pos> pos) {
        double x = Double.POSITIVE_INFINITY;
        double y = Double.POSITIVE_INFINITY;
        for (Pos p : pos.values()) {
            x = Math.min(x, p.x());
            y = Math.min(y, p.y());
        }
        return Double.isInfinite(x) ? new Pos(0, 0) : new Pos(x, y);
    }

    /** Where a step's nodes converge: the node it writes, after the step. */
    public static Pos target(Map<String, Pos> after, FusionStep step) {
        return after.getOrDefault(step.nodeOut(), new Pos(0, 0));
    }

    static Pos centroid(Map<String, Pos> pos, List<String> ids) {
        double x = 0;
        double y = 0;
        int n = 0;
        for (String id : ids) {
            Pos p = pos.get(id);
            if (p != null) {
                x += p.x();
                y += p.y();
                n++;
            }
        }
        return n == 0 ? null : new Pos(x / n, y / n);
    }
}
