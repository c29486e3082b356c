package org.repstudio.core.importer;

import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;

/**
 * Multiply-accumulates per image of one node, the measure "never slower" compares: a conv or linear layer
 * its products, an element-wise op (BN, scale, sum) one per output value and input, an average pool its
 * window per output value; identity, pad, concat and the rest move data only.
 */
final class OpCost {

    private OpCost() {
    }

    static long of(Graph g, String id, Map<String, TensorShape> shapes) {
        Op op = g.node(id).op();
        TensorShape out = shapes.get(id);
        List<String> in = g.inputsOf(id);
        if (op instanceof Op.Conv c) {
            return out.size() * (shapes.get(in.get(0)).channels() / c.groups()) * c.kernelH() * c.kernelW();
        }
        if (op instanceof Op.Linear l) {
            return (long) l.outFeatures() * shapes.get(in.get(0)).channels();
        }
        if (op instanceof Op.BatchNorm || op instanceof Op.Scale) {
            return out.size();
        }
        if (op instanceof Op.Add) {
            return out.size() * (in.size() - 1);
        }
        if (op instanceof Op.AvgPool p) {
            return out.size() * p.kernelH() * p.kernelW();
        }
        return 0;
    }
}
