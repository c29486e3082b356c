package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Weights;

/**
 * ResRep's conversion: a compactor (1x1 conv without bias, C to C, right after a BN) whose rows were
 * driven to zero in training outputs zeros on those channels, so the rows and the matching input
 * channels of every conv reading it (through an optional ReLU) can go. Exact for rows that are exactly
 * zero; for rows merely below the threshold the step's measured error says how far from exact.
 */
final class ChannelPruning {

    private ChannelPruning() {
    }


    static RewriteResult apply(Graph graph, Weights weights, double threshold, boolean measure, List<FusionStep> steps) {
        Graph g = graph;
        Weights w = weights;
        int removed = 0;
        for (Node n : graph.nodes().values()) {
            if (!Compactors.isCompactor(g, n)) {
                continue;
            }
            List<String> readers = Compactors.readers(g, n.id());
            if (readers == null) {
                continue;
            }
            Tensor q = w.get(n.id(), "weight");
            int c = q.dim(0);
            List<Integer> keep = new ArrayList<>();
            for (int r = 0; r < c; r++) {
                double norm = 0;
                for (int i = 0; i < q.dim(1); i++) {
                    norm += q.get(r, i, 0, 0) * q.get(r, i, 0, 0);
                }
                if (Math.sqrt(norm) >= threshold) {
                    keep.add(r);
                }
            }
            if (keep.size() == c || keep.isEmpty()) {
                continue;
            }
            Graph before = g;
            Weights beforeW = w;
            g = g.withNode(new Node(n.id(), ((Op.Conv) n.op()).withOutChannels(keep.size())));
            w = w.with(n.id(), Map.of("weight", rows(q, keep)));
            List<String> convs = new ArrayList<>();
            for (String r : readers) {
                Op.Conv conv = (Op.Conv) g.node(r).op();
                Map<String, Tensor> p = new LinkedHashMap<>(w.of(r));
                p.put("weight", inputColumns(p.get("weight"), keep));
                w = w.with(r, p);
                convs.add(r);
                g = g.withNode(new Node(r, conv));
            }
            removed += c - keep.size();
            List<String> nodesIn = new ArrayList<>();
            nodesIn.add(n.id());
            String between = g.consumersOf(n.id()).get(0);
            if (!convs.contains(between)) {
                nodesIn.add(between);
            }
            nodesIn.add(convs.get(0));
            double[] err = {Double.NaN, Double.NaN};
            if (measure) {
                String producer = g.inputsOf(n.id()).get(0);
                err = StepCheck.measureRewrite(before, beforeW, nodesIn, convs.get(0), g, w, nodesIn, convs.get(0),
                        producer, ShapeInference.infer(before).shapes().get(producer), false, 4444);
            }
            FusionStep.append(steps, FusionRule.PRUNE_CHANNELS, n.id(), nodesIn, beforeW, n.id(), w.of(n.id()),
                    (c - keep.size()) + " of " + c + " rows of '" + n.id() + "' below " + threshold
                    + "; input channels of " + String.join(", ", convs) + " removed", err, g, w);
        }
        return new RewriteResult(g, w, removed);
    }

    private static Tensor rows(Tensor q, List<Integer> keep) {
        int in = q.dim(1);
        double[] d = new double[keep.size() * in];
        for (int k = 0; k < keep.size(); k++) {
            System.arraycopy(q.data(), keep.get(k) * in, d, k * in, in);
        }
        return new Tensor(new int[] {keep.size(), in, 1, 1}, d);
    }

    private static Tensor inputColumns(Tensor w, List<Integer> keep) {
        int out = w.dim(0);
        int in = w.dim(1);
        int khw = w.dim(2) * w.dim(3);
        double[] d = new double[out * keep.size() * khw];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < keep.size(); k++) {
                System.arraycopy(w.data(), (o * in + keep.get(k)) * khw, d, (o * keep.size() + k) * khw, khw);
            }
        }
        return new Tensor(new int[] {out, keep.size(), w.dim(2), w.dim(3)}, d);
    }
}
