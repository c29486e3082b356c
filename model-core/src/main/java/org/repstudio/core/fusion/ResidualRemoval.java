package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * RMNet's reserving and merging, on a graph whose linear regions are already one conv each: a residual
 * {@code add(shortcut(x), conv_n(act(... act(conv_1(x)))))} becomes a plain chain. Every conv but the
 * last gets C extra output channels that carry x (dirac filters, depthwise convs stay depthwise); every
 * activation passes them unchanged (a ReLU when x is already non-negative, otherwise a PReLU with slope
 * 1 on them); the last conv reads them through the shortcut's kernel (a dirac, or the folded 1x1
 * downsample), so its output already includes the shortcut. Exact for ReLU and PReLU; an activation
 * that clips (ReLU6) would not be, and is not an op here.
 */
final class ResidualRemoval {

    private ResidualRemoval() {
    }


    static RewriteResult apply(Graph graph, Weights weights, boolean measure, List<FusionStep> steps) {
        Graph g = graph;
        Weights w = weights;
        int count = 0;
        for (Node n : graph.nodes().values()) {
            if (!(n.op() instanceof Op.Add) || !g.contains(n.id()) || g.inputsOf(n.id()).size() != 2) {
                continue;
            }
            Match m = match(g, n.id());
            if (m == null) {
                continue;
            }
            Graph before = g;
            Weights beforeW = w;
            Rewrite r = rewrite(g, w, m);
            g = r.graph;
            w = r.weights;
            count++;
            double[] err = {Double.NaN, Double.NaN};
            if (measure) {
                err = StepCheck.measureRewrite(before, beforeW, m.nodesBefore(), n.id(), g, w, m.nodesAfter(),
                        m.convs.get(m.convs.size() - 1), m.x, ShapeInference.infer(before).shapes().get(m.x),
                        before.node(m.x).op() instanceof Op.Relu, 4242);
            }
            String last = m.convs.get(m.convs.size() - 1);
            FusionStep.append(steps, FusionRule.RESIDUAL_REMOVAL, n.id(), m.nodesBefore(), beforeW, last, w.of(last),
                    r.reserved + " channels of '" + m.x + "' carried through "
                    + String.join(", ", m.convs.subList(0, m.convs.size() - 1))
                    + (r.prelu ? " (ReLU -> PReLU, slope 1 on them)" : "") + ", shortcut merged into '" + last + "'",
                    err, g, w);
        }
        return new RewriteResult(g, w, count);
    }

    /** The chain conv_1, act_1, ..., conv_n from x to the add, and the shortcut (null: identity). */
    private record Match(String x, List<String> convs, List<String> acts, String shortcut, String add) {
        List<String> nodesBefore() {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < convs.size(); i++) {
                all.add(convs.get(i));
                if (i < acts.size()) {
                    all.add(acts.get(i));
                }
            }
            if (shortcut != null) {
                all.add(shortcut);
            }
            all.add(add);
            return all;
        }

        List<String> nodesAfter() {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < convs.size(); i++) {
                all.add(convs.get(i));
                if (i < acts.size()) {
                    all.add(acts.get(i));
                }
            }
            return all;
        }
    }

    private static Match match(Graph g, String add) {
        List<String> in = g.inputsOf(add);
        for (int side = 0; side < 2; side++) {
            Match m = matchSides(g, add, in.get(side), in.get(1 - side));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Match matchSides(Graph g, String add, String branchEnd, String shortcutEnd) {
        List<String> convs = new ArrayList<>();
        List<String> acts = new ArrayList<>();
        String cur = branchEnd;
        String x = shortcutEnd;
        String shortcut = null;
        if (conv(g, shortcutEnd) != null && g.consumersOf(shortcutEnd).size() == 1) {
            Op.Conv d = conv(g, shortcutEnd);
            if (d.kernelH() == 1 && d.kernelW() == 1 && d.padding().isZero() && d.groups() == 1) {
                shortcut = shortcutEnd;
                x = g.inputsOf(shortcutEnd).get(0);
            }
        }
        while (true) {
            Op.Conv c = conv(g, cur);
            if (c == null || g.consumersOf(cur).size() != 1 || !centred(c)) {
                return null;
            }
            convs.add(0, cur);
            String prev = g.inputsOf(cur).get(0);
            if (prev.equals(x)) {
                break;
            }
            Op act = g.node(prev).op();
            if (!(act instanceof Op.Relu || act instanceof Op.PRelu) || g.consumersOf(prev).size() != 1) {
                return null;
            }
            acts.add(0, prev);
            cur = g.inputsOf(prev).get(0);
        }
        if (acts.isEmpty() || conv(g, convs.get(0)).groups() != 1 || conv(g, convs.get(convs.size() - 1)).groups() != 1) {
            return null;
        }
        int stride = 1;
        for (String id : convs) {
            Op.Conv c = conv(g, id);
            if (c.strideH() != c.strideW()) {
                return null;
            }
            stride *= c.strideH();
        }
        int shortcutStride = shortcut == null ? 1 : conv(g, shortcut).strideH();
        Op.Conv lastConv = conv(g, convs.get(convs.size() - 1));
        if (stride != shortcutStride || lastConv.strideH() != 1) {
            return null;
        }
        return new Match(x, convs, acts, shortcut, add);
    }

    private record Rewrite(Graph graph, Weights weights, int reserved, boolean prelu) {
    }

    private static Rewrite rewrite(Graph g, Weights w, Match m) {
        Map<String, TensorShape> shapes = ShapeInference.infer(g).shapes();
        int c = shapes.get(m.x).channels();
        boolean nonNegative = g.node(m.x).op() instanceof Op.Relu;
        boolean prelu = false;
        int n = m.convs.size();
        for (int i = 0; i < n - 1; i++) {
            String id = m.convs.get(i);
            AffineConv wide = Widening.reserve(NodeConvs.toAffine(g, w, g.node(id), 0), c, i == 0);
            g = g.withNode(new Node(id, NodeConvs.toOp(wide)));
            w = w.with(id, NodeConvs.toParams(wide));
            String act = m.acts.get(i);
            int width = wide.outChannels();
            if (g.node(act).op() instanceof Op.PRelu || !nonNegative) {
                double[] alpha = new double[width];
                if (g.node(act).op() instanceof Op.PRelu) {
                    System.arraycopy(w.get(act, "alpha").data(), 0, alpha, 0, width - c);
                } else {
                    prelu = true;
                }
                java.util.Arrays.fill(alpha, width - c, width, 1.0);
                g = g.withNode(new Node(act, new Op.PRelu()));
                w = w.with(act, Map.of("alpha", Tensor.vector(alpha)));
            }
        }
        String last = m.convs.get(n - 1);
        AffineConv lastConv = NodeConvs.toAffine(g, w, g.node(last), 0);
        AffineConv shortcut = m.shortcut == null ? null : NodeConvs.toAffine(g, w, g.node(m.shortcut), 0);
        AffineConv merged = Widening.mergeShortcut(lastConv, shortcut, c);
        g = g.withNode(new Node(last, NodeConvs.toOp(merged)));
        w = w.with(last, NodeConvs.toParams(merged));
        g = g.rewire(m.add, last).withoutNode(m.add);
        w = w.without(m.add);
        if (m.shortcut != null) {
            g = g.withoutNode(m.shortcut);
            w = w.without(m.shortcut);
        }
        return new Rewrite(g, w, c, prelu);
    }

    private static Op.Conv conv(Graph g, String id) {
        return g.contains(id) && g.node(id).op() instanceof Op.Conv c ? c : null;
    }

    /** A dirac reads the window's centre only when the kernel is odd, undilated and padded k/2 each side. */
    private static boolean centred(Op.Conv c) {
        return c.kernelH() % 2 == 1 && c.kernelW() % 2 == 1 && c.dilationH() == 1 && c.dilationW() == 1
                && c.padding().equals(new Padding(c.kernelH() / 2, c.kernelH() / 2, c.kernelW() / 2, c.kernelW() / 2));
    }
}
