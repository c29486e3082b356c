package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.GraphBlock;
import org.repstudio.core.fusion.Compactors;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Weights;

/**
 * ResRep's training rule. Compactors (1x1 convs initialised to identity) sit after conv-BN layers; each
 * update their gradient becomes {@code mask * dL/dQ + lambda * Q_row / ||Q_row||}: every row is pulled
 * toward zero, and the rows chosen for removal (the smallest, growing to the target over the first quarter
 * of training) lose the task gradient, so nothing holds them up. The paper's lambda (1e-4) needs hundreds
 * of thousands of steps to empty a masked row; for runs of a few epochs the masked rows get a stronger
 * pull of their own ({@code maskedLambda}) while kept rows keep the paper's. {@link #zeroMasked} then sets
 * the masked rows to exactly zero, and fusion prunes them and merges conv-BN-compactor into a narrower conv.
 */
public final class ResRep implements GradientHook {

    private final List<String> compactors;
    private final double lambda;
    private final double maskedLambda;
    private final double target;
    private final int interval;
    private final Map<String, boolean[]> masked = new LinkedHashMap<>();

    /**
     * @param target   fraction of all compactor rows to remove
     * @param lambda       strength of the group-lasso pull on every row
     * @param maskedLambda strength of the pull on rows chosen for removal
     * @param interval     steps between mask updates
     */
    public ResRep(Graph graph, double target, double lambda, double maskedLambda, int interval) {
        this.compactors = Compactors.prunable(graph);
        if (compactors.isEmpty()) {
            throw new IllegalArgumentException("the network has no prunable compactor (a 1x1 conv without bias after"
                    + " a BN, read only by convs); insert them with ResRep.withCompactors");
        }
        this.lambda = lambda;
        this.maskedLambda = maskedLambda;
        this.target = target;
        this.interval = Math.max(1, interval);
    }

    /**
     * Puts a compactor after every conv-BN whose only reader is a ReLU feeding convs, unless one is there;
     * ids are the BN's id + "_compactor".
     */
    public static Graph withCompactors(Graph g) {
        Map<String, Integer> channels = new LinkedHashMap<>();
        ShapeInference.infer(g).shapes().forEach((id, s) -> channels.put(id, s.channels()));
        Graph out = g;
        for (Node n : g.nodes().values()) {
            List<String> in = g.inputsOf(n.id());
            List<String> readers = g.consumersOf(n.id());
            if (!(n.op() instanceof Op.BatchNorm) || in.size() != 1 || !(g.node(in.get(0)).op() instanceof Op.Conv)
                    || readers.size() != 1 || !(g.node(readers.get(0)).op() instanceof Op.Relu)) {
                continue;
            }
            List<String> after = g.consumersOf(readers.get(0));
            if (after.isEmpty() || !after.stream().allMatch(r -> g.node(r).op() instanceof Op.Conv c && c.groups() == 1)) {
                continue;
            }
            String id = n.id() + "_compactor";
            int c = channels.get(n.id());
            out = out.withNode(new Node(id, Op.Conv.square(c, 1, 1, 0, 1, false)))
                    .withoutEdge(new Edge(n.id(), readers.get(0), 0))
                    .withEdge(new Edge(n.id(), id, 0)).withEdge(new Edge(id, readers.get(0), 0));
        }
        return out;
    }

    @Override
    public Weights initialWeights(Graph graph, Weights drawn) {
        Weights w = drawn;
        for (String id : compactors) {
            int c = drawn.get(id, "weight").dim(0);
            Tensor q = Tensor.zeros(c, c, 1, 1);
            for (int i = 0; i < c; i++) {
                q.data()[i * c + i] = 1;
            }
            w = w.with(id, Map.of("weight", q));
        }
        return w;
    }

    @Override
    public void beforeUpdate(GraphBlock block, int step, int totalSteps) {
        int every = Math.min(interval, Math.max(1, totalSteps / 20)); // short runs update the mask more often
        if (step % every == 0) {
            updateMask(block, Math.min(1.0, (step + 1.0) / Math.max(1, totalSteps / 4)));
        }
        for (String id : compactors) {
            var array = block.parameter(id, "weight").getArray();
            var gradArray = array.getGradient();
            float[] q = array.toFloatArray();
            float[] grad = gradArray.toFloatArray();
            int c = (int) array.getShape().get(0);
            int in = q.length / c;
            boolean[] mask = masked.get(id);
            for (int r = 0; r < c; r++) {
                double norm = 0;
                for (int i = 0; i < in; i++) {
                    norm += q[r * in + i] * q[r * in + i];
                }
                norm = Math.max(Math.sqrt(norm), 1e-12);
                for (int i = 0; i < in; i++) {
                    int k = r * in + i;
                    grad[k] = (float) (mask[r] ? maskedLambda * q[k] / norm : grad[k] + lambda * q[k] / norm);
                }
            }
            gradArray.set(grad);
        }
    }

    /** Masks the {@code fraction * target} smallest rows over all compactors (never a whole layer). */
    private void updateMask(GraphBlock block, double fraction) {
        List<double[]> rows = new ArrayList<>(); // {norm, compactor index, row}
        for (int k = 0; k < compactors.size(); k++) {
            float[] q = block.parameter(compactors.get(k), "weight").getArray().toFloatArray();
            int c = (int) Math.round(Math.sqrt(q.length));
            for (int r = 0; r < c; r++) {
                double norm = 0;
                for (int i = 0; i < c; i++) {
                    norm += q[r * c + i] * q[r * c + i];
                }
                rows.add(new double[] {Math.sqrt(norm), k, r});
            }
            masked.putIfAbsent(compactors.get(k), new boolean[c]);
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        int count = (int) Math.round(target * fraction * rows.size());
        masked.values().forEach(m -> Arrays.fill(m, false));
        int[] left = new int[compactors.size()];
        for (int k = 0; k < compactors.size(); k++) {
            left[k] = masked.get(compactors.get(k)).length;
        }
        for (double[] row : rows) {
            if (count == 0) {
                break;
            }
            int k = (int) row[1];
            if (left[k] > 1) {
                masked.get(compactors.get(k))[(int) row[2]] = true;
                left[k]--;
                count--;
            }
        }
    }

    /** The trained weights with every masked row set to exactly zero: what fusion then prunes. */
    public Weights zeroMasked(Weights trained) {
        Weights w = trained;
        for (String id : compactors) {
            Tensor q = trained.get(id, "weight").copy();
            boolean[] mask = masked.get(id);
            int c = q.dim(0);
            int in = q.dim(1);
            for (int r = 0; r < c; r++) {
                if (mask != null && mask[r]) {
                    Arrays.fill(q.data(), r * in, (r + 1) * in, 0);
                }
            }
            w = w.with(id, Map.of("weight", q));
        }
        return w;
    }

    /** Rows kept and total per compactor. */
    public Map<String, int[]> channels() {
        Map<String, int[]> out = new LinkedHashMap<>();
        masked.forEach((id, m) -> {
            int kept = 0;
            for (boolean b : m) {
                kept += b ? 0 : 1;
            }
            out.put(id, new int[] {kept, m.length});
        });
        return out;
    }
}
