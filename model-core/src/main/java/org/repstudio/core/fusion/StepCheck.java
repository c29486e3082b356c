package org.repstudio.core.fusion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.ConvApply;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Measures a rewrite in float64: the nodes before it, cut out with their one external input, and the
 * conv after it run on the same random input. A small input (a few kernel widths) keeps it cheap while
 * still covering every border case; the real size is used when the small one does not fit.
 */
final class StepCheck {

    private static final String IN = "__in";
    private static final String OUT = "__out";

    private StepCheck() {
    }

    /** {max abs error, max rel error} of {@code before} (ending at {@code last}) against {@code after}. */
    static double[] measure(Graph g, Weights w, List<String> before, String last, String producer, TensorShape inShape,
                            AffineConv after, long seed) {
        Graph sub = cut(g, before, last, producer, small(inShape, after));
        if (!ShapeInference.infer(sub).problems().isEmpty()) {
            sub = cut(g, before, last, producer, inShape);
        }
        Op.Input in = (Op.Input) sub.node(IN).op();
        Tensor x = random(new Random(seed), 1, in.channels(), in.height(), in.width());
        Tensor expected = ReferenceExecutor.runAll(sub, w, x).get(OUT);
        Tensor actual = ConvApply.apply(after, x);
        if (!expected.sameShape(actual) && in.height() * in.width() < inShape.height() * inShape.width()) {
            // the small input gave the two sides different grids: measure at the real size instead
            sub = cut(g, before, last, producer, inShape);
            x = random(new Random(seed), 1, inShape.channels(), inShape.height(), inShape.width());
            expected = ReferenceExecutor.runAll(sub, w, x).get(OUT);
            actual = ConvApply.apply(after, x);
        }
        double err = Tensor.maxAbsDiff(expected, actual);
        return new double[] {err, err / Math.max(expected.maxAbs(), Double.MIN_NORMAL)};
    }

    /**
     * {max abs, max rel} error between two cut-outs reading the same tensor: a rewrite that replaces
     * several nodes by several others (RMNet), checked on one random input.
     */
    static double[] measureRewrite(Graph before, Weights wb, List<String> nodesBefore, String lastBefore, Graph after,
                                   Weights wa, List<String> nodesAfter, String lastAfter, String producer,
                                   TensorShape inShape, boolean nonNegativeInput, long seed) {
        TensorShape small = TensorShape.spatial(inShape.channels(), Math.min(inShape.height(), 12),
                Math.min(inShape.width(), 12));
        Graph a = cut(before, nodesBefore, lastBefore, producer, small);
        Graph b = cut(after, nodesAfter, lastAfter, producer, small);
        if (!ShapeInference.infer(a).problems().isEmpty()) {
            a = cut(before, nodesBefore, lastBefore, producer, inShape);
            b = cut(after, nodesAfter, lastAfter, producer, inShape);
        }
        Op.Input in = (Op.Input) a.node(IN).op();
        Tensor x = random(new Random(seed), 1, in.channels(), in.height(), in.width());
        if (nonNegativeInput) { // the tensor comes out of a ReLU, and the rewrite relies on that
            double[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.abs(d[i]);
            }
        }
        Tensor expected = ReferenceExecutor.runAll(a, wb, x).get(OUT);
        Tensor actual = ReferenceExecutor.runAll(b, wa, x).get(OUT);
        double err = Tensor.maxAbsDiff(expected, actual);
        return new double[] {err, err / Math.max(expected.maxAbs(), Double.MIN_NORMAL)};
    }

    /** The nodes cut out of {@code g}, reading a fresh Input in place of {@code producer}. */
    static Graph cut(Graph g, List<String> nodes, String last, String producer, TensorShape inShape) {
        Map<String, Node> n = new LinkedHashMap<>();
        n.put(IN, new Node(IN, new Op.Input(inShape.channels(), inShape.height(), inShape.width())));
        java.util.List<Edge> edges = new java.util.ArrayList<>();
        for (String id : nodes) {
            n.put(id, g.node(id));
            List<String> inputs = g.inputsOf(id);
            for (int i = 0; i < inputs.size(); i++) {
                String from = inputs.get(i).equals(producer) ? IN : inputs.get(i);
                edges.add(new Edge(from, id, i));
            }
        }
        n.put(OUT, new Node(OUT, new Op.Output()));
        edges.add(new Edge(last, OUT, 0));
        return new Graph(n, edges);
    }

    /** Just large enough that the output has border pixels on both sides and at least one inside. */
    private static TensorShape small(TensorShape s, AffineConv after) {
        int h = sameResidue(Math.min(s.height(), after.extentH() + 2 * after.strideH()), s.height(), after.strideH());
        int w = sameResidue(Math.min(s.width(), after.extentW() + 2 * after.strideW()), s.width(), after.strideW());
        return TensorShape.spatial(s.channels(), h, w);
    }

    /**
     * {@code small} raised to the next size that leaves the same remainder as {@code real} modulo the
     * stride: padding moved through a strided conv depends on that remainder, so a smaller input with
     * the same one exercises the same border.
     */
    private static int sameResidue(int small, int real, int stride) {
        return small + Math.floorMod(real - small, stride);
    }

    static Tensor random(Random rnd, int... shape) {
        return Tensor.gaussian(rnd, shape);
    }

    /**
     * {max error on the border, max error in the interior} between the cut-out nodes and a naive fused
     * conv; the border is every output within the fused kernel's reach of an edge. Null when the naive
     * conv's output grid differs from the real one.
     */
    static double[] borderError(Graph sub, Weights w, AffineConv naive, long seed) {
        Op.Input in = (Op.Input) sub.node(IN).op();
        Tensor x = random(new Random(seed), 1, in.channels(), in.height(), in.width());
        Tensor expected = ReferenceExecutor.runAll(sub, w, x).get(OUT);
        Tensor actual = ConvApply.apply(naive, x);
        if (!expected.sameShape(actual)) {
            return null; // the naive fusion does not even produce the same grid: no border to speak of
        }
        int rh = (naive.extentH() + naive.strideH() - 1) / naive.strideH();
        int rw = (naive.extentW() + naive.strideW() - 1) / naive.strideW();
        BorderError e = BorderError.measure(expected, actual, rh, rw);
        return new double[] {e.border(), e.interior()};
    }
}
