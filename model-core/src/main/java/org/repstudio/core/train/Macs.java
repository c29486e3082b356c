package org.repstudio.core.train;

import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;

/** Multiply-accumulates per image of a graph's convs and linear layers (the cost pruning removes). */
public final class Macs {

    private Macs() {
    }

    public static long of(Graph g) {
        Map<String, TensorShape> shapes = ShapeInference.infer(g).shapes();
        long total = 0;
        for (Node n : g.nodes().values()) {
            List<String> in = g.inputsOf(n.id());
            if (n.op() instanceof Op.Conv c) {
                TensorShape out = shapes.get(n.id());
                long perOutput = (long) (shapes.get(in.get(0)).channels() / c.groups()) * c.kernelH() * c.kernelW();
                total += out.size() * perOutput;
            } else if (n.op() instanceof Op.Linear l) {
                total += (long) l.outFeatures() * shapes.get(in.get(0)).channels();
            }
        }
        return total;
    }
}
