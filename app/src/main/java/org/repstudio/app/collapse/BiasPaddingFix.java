package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;

/**
 * The "use bias padding" fix for a region refused because a conv or average pool zero-pads the output of
 * a biased op (a BN, a conv with bias): a Pad node in bias mode goes between them, with the consumer's
 * padding, and the consumer pads no more. The padded border then holds the producer's bias, which is
 * what the fused conv computes there, so the region collapses exactly (DBB's BN-and-pad). Columns from
 * the consumer rightwards move one column right to make room. Pure: state in, state out.
 */
public final class BiasPaddingFix {

    /** Horizontal room made for each new Pad node. */
    static final double COLUMN = 200;

    private BiasPaddingFix() {
    }

    /** A zero-padding consumer reading a biased producer. */
    public record Site(String producer, String consumer, int port) {
    }

    /** Every place among {@code nodes} where a padded conv/pool reads a biased op directly. */
    public static List<Site> sites(Graph g, List<String> nodes) {
        List<Site> out = new ArrayList<>();
        for (Edge e : g.edges()) {
            if (!nodes.contains(e.to()) || !g.contains(e.from())) {
                continue;
            }
            Op producer = g.node(e.from()).op();
            boolean biased = producer instanceof Op.BatchNorm || (producer instanceof Op.Conv c && c.bias());
            Padding p = padding(g.node(e.to()).op());
            if (biased && p != null && !p.equals(Padding.NONE)) {
                out.add(new Site(e.from(), e.to(), e.port()));
            }
        }
        return out;
    }

    /** {@code s} with every site among {@code nodes} fixed, or empty when there is none. */
    public static Optional<EditorState> apply(EditorState s, List<String> nodes) {
        Graph g = s.graph();
        List<Site> sites = sites(g, nodes);
        if (sites.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<Double> columns = new TreeSet<>();
        for (Site site : sites) {
            columns.add(s.pos(site.consumer()).x());
        }
        Map<String, Pos> pos = new LinkedHashMap<>();
        for (String id : g.nodes().keySet()) {
            Pos p = s.pos(id);
            pos.put(id, p.plus(COLUMN * columns.headSet(p.x(), true).size(), 0));
        }
        for (Site site : sites) {
            Node consumer = g.node(site.consumer());
            Padding p = padding(consumer.op());
            String id = fresh(g, site.consumer() + "_pad");
            g = g.withNode(new Node(id, new Op.Pad(p, Op.PadMode.BIAS)))
                    .withoutEdge(new Edge(site.producer(), site.consumer(), site.port()))
                    .withEdge(new Edge(site.producer(), id, 0))
                    .withEdge(new Edge(id, site.consumer(), site.port()))
                    .withNode(new Node(consumer.id(), unpadded(consumer.op())));
            Pos c = s.pos(site.consumer());
            pos.put(id, c.plus(COLUMN * columns.headSet(c.x(), false).size(), 0));
        }
        return Optional.of(s.withGraph(g).withPositions(pos));
    }

    private static Padding padding(Op op) {
        if (op instanceof Op.Conv c) {
            return c.padding();
        }
        if (op instanceof Op.AvgPool a) {
            return a.padding();
        }
        return null;
    }

    private static Op unpadded(Op op) {
        if (op instanceof Op.Conv c) {
            return c.withPadding(Padding.NONE);
        }
        Op.AvgPool a = (Op.AvgPool) op;
        return new Op.AvgPool(a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), Padding.NONE);
    }

    private static String fresh(Graph g, String base) {
        String id = base;
        for (int i = 2; g.contains(id); i++) {
            id = base + i;
        }
        return id;
    }
}
