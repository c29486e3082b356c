package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;

/**
 * ResRep's compactors: 1x1 convs without bias, C to C, right after a BN. One is prunable when only dense
 * convs read it (directly or through one ReLU), so its dropped rows can leave those convs' inputs too.
 */
public final class Compactors {

    private Compactors() {
    }

    public static boolean isCompactor(Graph g, Node n) {
        if (!(n.op() instanceof Op.Conv c) || c.bias() || c.groups() != 1 || c.kernelH() != 1 || c.kernelW() != 1
                || c.strideH() != 1 || c.strideW() != 1 || !c.padding().isZero()) {
            return false;
        }
        List<String> in = g.inputsOf(n.id());
        return in.size() == 1 && g.node(in.get(0)).op() instanceof Op.BatchNorm;
    }

    /** Dense convs that read the compactor, directly or through one ReLU; null when anything else does. */
    public static List<String> readers(Graph g, String compactor) {
        List<String> consumers = g.consumersOf(compactor);
        if (consumers.size() == 1 && g.node(consumers.get(0)).op() instanceof Op.Relu) {
            consumers = g.consumersOf(consumers.get(0));
        }
        for (String c : consumers) {
            if (!(g.node(c).op() instanceof Op.Conv conv) || conv.groups() != 1) {
                return null;
            }
        }
        return consumers.isEmpty() ? null : consumers;
    }

    /** Ids of the compactors whose rows can be pruned. */
    public static List<String> prunable(Graph g) {
        List<String> out = new ArrayList<>();
        for (Node n : g.nodes().values()) {
            if (isCompactor(g, n) && readers(g, n.id()) != null) {
                out.add(n.id());
            }
        }
        return out;
    }
}
