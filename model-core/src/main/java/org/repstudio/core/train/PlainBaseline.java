package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;

/**
 * The A/B baseline for a block: the plain block that has the same inference cost. It is the block's
 * fused structure (what the planner collapses it to, e.g. one 3x3 conv for RepVGG, a depthwise 3x3 and a
 * 1x1 for MobileOne), trained from scratch with a BN after each conv in place of the fused bias, so both
 * sides of the comparison deploy as exactly the same network.
 */
public final class PlainBaseline {

    private PlainBaseline() {
    }

    /** The plain counterpart of {@code block} (a block design, not a whole network). */
    public static Graph of(Graph block) {
        FusionTrace trace = FusionPlanner.fuse(block, RandomWeights.generate(block, 1), false);
        return withBatchNorms(trace.fused());
    }

    /** Every conv with a bias becomes conv (no bias) followed by BN, so plain convs train like the branches. */
    static Graph withBatchNorms(Graph g) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Node n : g.nodes().values()) {
            if (n.op() instanceof Op.Conv c && c.bias()) {
                String bn = n.id() + "_bn";
                nodes.put(n.id(), new Node(n.id(), new Op.Conv(c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                        c.strideW(), c.padding(), c.dilationH(), c.dilationW(), c.groups(), false)));
                nodes.put(bn, new Node(bn, new Op.BatchNorm(1e-5)));
                edges.add(new Edge(n.id(), bn, 0));
                renamed.put(n.id(), bn);
            } else {
                nodes.put(n.id(), n);
            }
        }
        for (Edge e : g.edges()) {
            edges.add(new Edge(renamed.getOrDefault(e.from(), e.from()), e.to(), e.port()));
        }
        return new Graph(nodes, edges);
    }
}
