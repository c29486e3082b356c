package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.ConvMatrix;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * RepMLP's merge: {@code add(linear(flatten(x)), flatten(conv_1(x)), ...)} becomes one linear layer on
 * {@code flatten(x)}. A conv is a linear map of the flattened input; its matrix is read off by running
 * it on an identity batch (one image per input scalar), and the matrices and the per-position biases
 * add to the FC's. Runs after the regions are fused, so each conv branch is already one conv.
 */
final class ConvIntoLinear {

    private ConvIntoLinear() {
    }


    static RewriteResult apply(Graph graph, Weights weights, boolean measure, List<FusionStep> steps) {
        Graph g = graph;
        Weights w = weights;
        int count = 0;
        for (Node n : graph.nodes().values()) {
            if (!(n.op() instanceof Op.Add) || !g.contains(n.id())) {
                continue;
            }
            Match m = match(g, n.id());
            if (m == null) {
                continue;
            }
            Graph before = g;
            Weights beforeW = w;
            Map<String, TensorShape> shapes = ShapeInference.infer(g).shapes();
            TensorShape xs = shapes.get(m.x);
            double[] wt = w.get(m.linear, "weight").data().clone();
            int f = (int) xs.size();
            double[] bias = ((Op.Linear) g.node(m.linear).op()).bias() ? w.get(m.linear, "bias").data().clone()
                    : new double[wt.length / f];
            List<String> nodesIn = new ArrayList<>(List.of(m.flatten, m.linear));
            for (int i = 0; i < m.convs.size(); i++) {
                String conv = m.convs.get(i);
                addConvMatrix(NodeConvs.toAffine(g, w, g.node(conv), xs.channels()), xs, wt, bias);
                nodesIn.add(conv);
                nodesIn.add(m.convFlattens.get(i));
            }
            nodesIn.add(n.id());
            int out = bias.length;
            Map<String, Tensor> params = new LinkedHashMap<>();
            params.put("weight", new Tensor(new int[] {out, f}, wt));
            params.put("bias", Tensor.vector(bias));
            g = g.withNode(new Node(m.linear, new Op.Linear(out, true)));
            w = w.with(m.linear, params);
            g = g.rewire(n.id(), m.linear).withoutNode(n.id());
            w = w.without(n.id());
            for (int i = 0; i < m.convs.size(); i++) {
                g = g.withoutNode(m.convFlattens.get(i)).withoutNode(m.convs.get(i));
                w = w.without(m.convs.get(i));
            }
            count++;
            double[] err = {Double.NaN, Double.NaN};
            if (measure) {
                err = StepCheck.measureRewrite(before, beforeW, nodesIn, n.id(), g, w, List.of(m.flatten, m.linear),
                        m.linear, m.x, xs, false, 4343);
            }
            FusionStep.append(steps, FusionRule.CONV_INTO_LINEAR, n.id(), nodesIn, beforeW, m.linear, params,
                    m.convs.size() + " conv branch(es) into '" + m.linear + "', " + out + "x" + f, err, g, w);
        }
        return new RewriteResult(g, w, count);
    }

    private record Match(String x, String flatten, String linear, List<String> convs, List<String> convFlattens) {
    }

    private static Match match(Graph g, String add) {
        String x = null;
        String flatten = null;
        String linear = null;
        List<String> convs = new ArrayList<>();
        List<String> flats = new ArrayList<>();
        for (String in : g.inputsOf(add)) {
            if (g.consumersOf(in).size() != 1) {
                return null;
            }
            Op op = g.node(in).op();
            if (op instanceof Op.Linear && linear == null) {
                flatten = g.inputsOf(in).get(0);
                if (!(g.node(flatten).op() instanceof Op.Flatten)) {
                    return null;
                }
                linear = in;
                String src = g.inputsOf(flatten).get(0);
                if (x != null && !x.equals(src)) {
                    return null;
                }
                x = src;
            } else if (op instanceof Op.Flatten) {
                String conv = g.inputsOf(in).get(0);
                if (!(g.node(conv).op() instanceof Op.Conv) || g.consumersOf(conv).size() != 1) {
                    return null;
                }
                String src = g.inputsOf(conv).get(0);
                if (x != null && !x.equals(src)) {
                    return null;
                }
                x = src;
                convs.add(conv);
                flats.add(in);
            } else {
                return null;
            }
        }
        return linear == null || convs.isEmpty() ? null : new Match(x, flatten, linear, convs, flats);
    }

    /** Adds the conv's matrix (outputs x inputs, both flattened CHW) and its per-position bias. */
    private static void addConvMatrix(AffineConv conv, TensorShape xs, double[] wt, double[] bias) {
        int f = (int) xs.size();
        int out = conv.outChannels() * conv.outHeight(xs.height()) * conv.outWidth(xs.width());
        if (out != bias.length) {
            throw new IllegalArgumentException("conv branch gives " + out + " values, the FC " + bias.length);
        }
        ConvMatrix.addTo(conv, xs.height(), xs.width(), wt);
        int positions = out / conv.outChannels();
        for (int o = 0; o < out; o++) {
            bias[o] += conv.bias().get(o / positions);
        }
    }
}
