package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;

/**
 * Runs a graph in float64 with plain Java loops: the ground truth for the algebra tests (error
 * <= 1e-12) and for measuring each fusion step. Each op is computed from its definition
 * ({@link ReferenceOps}), never through the fusion's own transforms, so a wrong transform cannot agree with
 * itself. Slow; meant for blocks and small inputs.
 */
public final class ReferenceExecutor {

    private ReferenceExecutor() {
    }

    /** Output of the graph's Output node for input x [N, C, H, W]. */
    public static Tensor run(Graph graph, Weights weights, Tensor x) {
        var problems = Validator.validate(graph);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid graph: " + problems);
        }
        Map<String, Tensor> values = runAll(graph, weights, x);
        return values.get(graph.outputIds().get(0));
    }

    /** Every node's output. */
    public static Map<String, Tensor> runAll(Graph graph, Weights weights, Tensor x) {
        Map<String, Tensor> values = new HashMap<>();
        for (String id : graph.topologicalOrder().orElseThrow()) {
            Node node = graph.node(id);
            List<Tensor> in = new ArrayList<>();
            for (String p : graph.inputsOf(id)) {
                in.add(values.get(p));
            }
            values.put(id, node.op() instanceof Op.Input ? x : eval(graph, weights, node, in));
        }
        return values;
    }

    private static Tensor eval(Graph graph, Weights w, Node node, List<Tensor> in) {
        Op op = node.op();
        Tensor x = in.get(0);
        String id = node.id();
        if (op instanceof Op.Conv c) {
            return ReferenceOps.conv(x, w.get(id, "weight"), c.bias() ? w.get(id, "bias") : null, c.strideH(),
                    c.strideW(), c.padding(), c.dilationH(), c.dilationW(), c.groups());
        }
        if (op instanceof Op.BatchNorm bn) {
            return ReferenceOps.batchNorm(x, w.get(id, "gamma"), w.get(id, "beta"), w.get(id, "mean"),
                    w.get(id, "var"), bn.eps());
        }
        if (op instanceof Op.Scale) {
            return ReferenceOps.scale(x, w.get(id, "scale"));
        }
        if (op instanceof Op.AvgPool p) {
            return ReferenceOps.avgPool(x, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding());
        }
        if (op instanceof Op.Identity) {
            return x;
        }
        if (op instanceof Op.Pad p) {
            return ReferenceOps.pad(x, p.padding(), padFill(graph, w, id, p, x.dim(1)));
        }
        if (op instanceof Op.Add) {
            double[] d = x.data().clone();
            for (int i = 1; i < in.size(); i++) {
                double[] o = in.get(i).data();
                for (int k = 0; k < d.length; k++) {
                    d[k] += o[k];
                }
            }
            return new Tensor(x.shape(), d);
        }
        if (op instanceof Op.Concat) {
            return concat(in);
        }
        if (op instanceof Op.Relu) {
            return map(x, v -> Math.max(v, 0));
        }
        if (op instanceof Op.PRelu) {
            return prelu(x, w.get(node.id(), "alpha").data());
        }
        if (op instanceof Op.GlobalAvgPool) {
            int n = x.dim(0);
            int c = x.dim(1);
            int hw = x.dim(2) * x.dim(3);
            double[] d = new double[n * c];
            for (int i = 0; i < n * c; i++) {
                double s = 0;
                for (int k = 0; k < hw; k++) {
                    s += x.data()[i * hw + k];
                }
                d[i] = s / hw;
            }
            return new Tensor(new int[] {n, c, 1, 1}, d);
        }
        if (op instanceof Op.Flatten) {
            return x.reshape(x.dim(0), x.size() / x.dim(0));
        }
        if (op instanceof Op.Linear l) {
            return linear(x, w.get(node.id(), "weight"), l.bias() ? w.get(node.id(), "bias") : null);
        }
        return x; // Output
    }

    /** Zeros, or in bias mode what the producing BN or biased conv outputs for a zero input. */
    private static double[] padFill(Graph graph, Weights w, String padId, Op.Pad pad, int channels) {
        if (pad.mode() == Op.PadMode.ZERO) {
            return new double[channels];
        }
        Node producer = graph.node(graph.inputsOf(padId).get(0));
        String id = producer.id();
        if (producer.op() instanceof Op.BatchNorm bn) {
            return ReferenceOps.batchNormOfZero(w.get(id, "gamma"), w.get(id, "beta"), w.get(id, "mean"),
                    w.get(id, "var"), bn.eps());
        }
        if (producer.op() instanceof Op.Conv c && c.bias()) {
            return w.get(id, "bias").data().clone();
        }
        throw new IllegalArgumentException("node '" + padId + "': bias padding needs a BatchNorm or a biased conv"
                + " before it, got " + producer.op().kind());
    }

    private static Tensor concat(List<Tensor> in) {
        int n = in.get(0).dim(0);
        int hw = in.get(0).dim(2) * in.get(0).dim(3);
        int total = 0;
        for (Tensor t : in) {
            total += t.dim(1);
        }
        double[] y = new double[n * total * hw];
        for (int b = 0; b < n; b++) {
            int off = 0;
            for (Tensor t : in) {
                int c = t.dim(1);
                System.arraycopy(t.data(), b * c * hw, y, (b * total + off) * hw, c * hw);
                off += c;
            }
        }
        return new Tensor(new int[] {n, total, in.get(0).dim(2), in.get(0).dim(3)}, y);
    }

    private static Tensor prelu(Tensor x, double[] alpha) {
        double[] d = x.data().clone();
        int c = x.dim(1);
        int per = x.size() / (x.dim(0) * c);
        for (int i = 0; i < d.length; i++) {
            int ch = (i / per) % c;
            d[i] = d[i] >= 0 ? d[i] : alpha[ch] * d[i];
        }
        return new Tensor(x.shape(), d);
    }

    private static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int n = x.dim(0);
        int f = x.dim(1);
        int o = weight.dim(0);
        double[] y = new double[n * o];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < o; k++) {
                double s = bias == null ? 0 : bias.get(k);
                for (int j = 0; j < f; j++) {
                    s += weight.data()[k * f + j] * x.data()[b * f + j];
                }
                y[b * o + k] = s;
            }
        }
        return new Tensor(new int[] {n, o}, y);
    }

    private static Tensor map(Tensor x, java.util.function.DoubleUnaryOperator f) {
        double[] d = x.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(d[i]);
        }
        return new Tensor(x.shape(), d);
    }
}
