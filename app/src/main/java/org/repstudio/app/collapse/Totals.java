package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repstudio.app.editor.Costs;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;

/**
 * Parameter count and FLOPs per sample of a whole graph, summed over its nodes with {@link Costs}.
 *
 * @param params learned scalars
 * @param flops  floating-point operations for one sample
 * @param nodes  number of nodes
 */
public record Totals(long params, long flops, int nodes) {

    public static Totals of(Graph g) {
        Map<String, TensorShape> shapes = ShapeInference.infer(g).shapes();
        long p = 0;
        long f = 0;
        for (Node n : g.nodes().values()) {
            List<TensorShape> in = new ArrayList<>();
            for (String s : g.inputsOf(n.id())) {
                in.add(shapes.get(s));
            }
            p += shapes.containsKey(n.id()) ? Costs.params(n.op(), in.isEmpty() ? null : in.get(0)) : 0;
            f += Costs.flops(n.op(), in, shapes.get(n.id()));
        }
        return new Totals(p, f, g.nodes().size());
    }

    /** "2.75 K params · 1.41 M FLOPs · 9 nodes". */
    public String text() {
        return Costs.human(params) + " params · " + Costs.human(flops) + " FLOPs · " + nodes + " nodes";
    }
}
