package org.repstudio.core.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.algebra.Padding;

/**
 * Infers the per-sample shape of every node's output (the batch stays symbolic) and reports located
 * problems: missing inputs, channel or spatial mismatches, groups that do not divide channels,
 * kernels larger than their padded input, non-positive sizes. A node whose shape cannot be known is
 * absent from {@link Result#shapes()}.
 */
public final class ShapeInference {

    private ShapeInference() {
    }

    /** Shapes found and problems met. */
    public record Result(Map<String, TensorShape> shapes, List<Problem> problems) {
        public Optional<TensorShape> shapeOf(String id) {
            return Optional.ofNullable(shapes.get(id));
        }
    }

    public static Result infer(Graph graph) {
        Map<String, TensorShape> shapes = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Optional<List<String>> order = graph.topologicalOrder();
        if (order.isEmpty()) {
            List<String> cycle = graph.findCycle().orElse(List.of());
            String at = cycle.isEmpty() ? null : cycle.get(0);
            problems.add(new Problem(at, "inputs", "cycle: " + String.join(" -> ", cycle)));
            return new Result(shapes, problems);
        }
        for (String id : order.get()) {
            Node node = graph.node(id);
            List<String> inputs = graph.inputsOf(id);
            if (!checkArity(node, inputs, graph, problems)) {
                continue;
            }
            List<TensorShape> in = new ArrayList<>();
            boolean known = true;
            for (String p : inputs) {
                TensorShape s = shapes.get(p);
                if (s == null) {
                    known = false;
                }
                in.add(s);
            }
            if (!known) {
                continue; // the producer's problem is already reported
            }
            TensorShape out = outputShape(node, in, problems);
            Problem tooLarge = out == null ? null : Sizes.outputProblem(node, out);
            if (tooLarge != null) {
                problems.add(tooLarge);
            } else if (out != null) {
                shapes.put(id, out);
            }
        }
        return new Result(shapes, problems);
    }

    /** The output shape of {@code node} on inputs of {@code in}, or empty after adding a problem to {@code problems}. */
    public static Optional<TensorShape> shapeOf(Node node, List<TensorShape> in, List<Problem> problems) {
        return Optional.ofNullable(outputShape(node, in, problems));
    }

    private static boolean checkArity(Node node, List<String> inputs, Graph graph, List<Problem> problems) {
        int arity = node.op().arity();
        for (String p : inputs) {
            if (!graph.contains(p)) {
                problems.add(new Problem(node.id(), "inputs", "input '" + p + "' does not exist"));
                return false;
            }
        }
        if (arity >= 0 && inputs.size() != arity) {
            String msg = arity == 0 ? "an input node takes no inputs"
                    : inputs.isEmpty() ? "input port is not connected"
                    : "takes " + arity + " input but has " + inputs.size();
            problems.add(new Problem(node.id(), "inputs", msg,
                    arity > 0 && inputs.isEmpty() ? Problem.Kind.UNCONNECTED : Problem.Kind.OTHER));
            return false;
        }
        if (arity < 0 && inputs.size() < 2) {
            problems.add(new Problem(node.id(), "inputs",
                    node.op().kind() + " needs at least 2 inputs, has " + inputs.size(), Problem.Kind.TOO_FEW_INPUTS));
            return false;
        }
        return true;
    }

    /** Output shape of one node given its input shapes, or null after reporting a problem. */
    static TensorShape outputShape(Node node, List<TensorShape> in, List<Problem> problems) {
        String id = node.id();
        TensorShape x = in.isEmpty() ? null : in.get(0);
        Op op = node.op();
        if (x != null && x.flat() && needsSpatial(op)) {
            problems.add(new Problem(id, "inputs", op.kind() + " needs a spatial [C,H,W] input, got " + x,
                    Problem.Kind.NOT_SPATIAL));
            return null;
        }
        if (op instanceof Op.Opaque o) {
            return o.outputShape(); // measured on import; ONNX Runtime runs it
        }
        if (op instanceof Op.Input i) {
            return positive(id, "shape", i.channels(), i.height(), i.width(), problems)
                    ? TensorShape.spatial(i.channels(), i.height(), i.width()) : null;
        }
        if (op instanceof Op.Conv c) {
            return conv(id, c, x, problems);
        }
        if (op instanceof Op.AvgPool p) {
            return window(id, x, x.channels(), p.kernelH(), p.kernelW(), p.strideH(), p.strideW(),
                    p.padding(), 1, 1, problems);
        }
        if (op instanceof Op.Pad p) {
            return nonNegative(id, p.padding(), problems)
                    ? spatial(id, "padding", x.channels(), (long) x.height() + p.padding().top() + p.padding().bottom(),
                    (long) x.width() + p.padding().left() + p.padding().right(), problems) : null;
        }
        if (op instanceof Op.BatchNorm b) {
            return b.eps() > 0 ? x : fail(id, "eps", "eps must be > 0, got " + b.eps(), problems);
        }
        if (op instanceof Op.Add) {
            return add(id, in, problems);
        }
        if (op instanceof Op.Concat) {
            return concat(id, in, problems);
        }
        if (op instanceof Op.GlobalAvgPool) {
            return TensorShape.spatial(x.channels(), 1, 1);
        }
        if (op instanceof Op.Flatten) {
            return x.size() <= Sizes.MAX_VALUES ? TensorShape.flat((int) x.size())
                    : fail(id, "inputs", "flattening " + x + " gives more values than one tensor holds", problems);
        }
        if (op instanceof Op.Linear l) {
            if (l.outFeatures() <= 0) {
                return fail(id, "outFeatures", "must be > 0, got " + l.outFeatures(), problems);
            }
            if (!x.flat()) {
                return fail(id, "inputs", "linear needs a flat input (add a Flatten), got " + x, problems);
            }
            return TensorShape.flat(l.outFeatures());
        }
        return x; // Scale, Identity, Relu, PRelu, Output keep the shape
    }

    private static boolean needsSpatial(Op op) {
        return !(op instanceof Op.Linear || op instanceof Op.Relu || op instanceof Op.PRelu
                || op instanceof Op.Output || op instanceof Op.Identity || op instanceof Op.Add
                || op instanceof Op.Flatten || op instanceof Op.Opaque);
    }

    private static TensorShape conv(String id, Op.Conv c, TensorShape x, List<Problem> problems) {
        if (c.outChannels() <= 0) {
            return fail(id, "outChannels", "must be > 0, got " + c.outChannels(), problems);
        }
        if (c.groups() <= 0) {
            return fail(id, "groups", "must be > 0, got " + c.groups(), problems);
        }
        if (x.channels() % c.groups() != 0) {
            return fail(id, "groups", "groups " + c.groups() + " do not divide the " + x.channels()
                    + " input channels", problems);
        }
        if (c.outChannels() % c.groups() != 0) {
            return fail(id, "groups", "groups " + c.groups() + " do not divide the " + c.outChannels()
                    + " output channels", problems);
        }
        return window(id, x, c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(),
                c.dilationH(), c.dilationW(), problems);
    }

    private static TensorShape window(String id, TensorShape x, int outC, int kh, int kw, int sh, int sw,
                                      Padding p, int dh, int dw, List<Problem> problems) {
        if (!positive(id, "kernel", kh, kw, 1, problems) || !positive(id, "stride", sh, sw, 1, problems)
                || !positive(id, "dilation", dh, dw, 1, problems) || !nonNegative(id, p, problems)) {
            return null;
        }
        // in long: a kernel of 100000 with dilation 2^30 spans more rows than an int counts
        long effH = (kh - 1L) * dh + 1;
        long effW = (kw - 1L) * dw + 1;
        long ph = (long) x.height() + p.top() + p.bottom();
        long pw = (long) x.width() + p.left() + p.right();
        if (effH > ph || effW > pw) {
            return fail(id, "kernel", "kernel " + effH + "x" + effW + (dh > 1 || dw > 1 ? " (dilated)" : "")
                    + " is larger than the padded input " + ph + "x" + pw, problems);
        }
        return spatial(id, "padding", outC, (ph - effH) / sh + 1, (pw - effW) / sw + 1, problems);
    }

    /** A spatial shape whose height and width, computed in long, still fit an int. */
    private static TensorShape spatial(String id, String field, int c, long h, long w, List<Problem> problems) {
        if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            return fail(id, field, "the output would be " + h + "x" + w + " pixels, more than a tensor holds",
                    problems);
        }
        return TensorShape.spatial(c, (int) h, (int) w);
    }

    private static TensorShape add(String id, List<TensorShape> in, List<Problem> problems) {
        TensorShape first = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            if (!in.get(i).equals(first)) {
                return fail(id, "inputs[" + i + "]", "shape " + in.get(i) + " does not match " + first
                        + " of inputs[0]", problems);
            }
        }
        return first;
    }

    private static TensorShape concat(String id, List<TensorShape> in, List<Problem> problems) {
        TensorShape first = in.get(0);
        long channels = 0;
        for (int i = 0; i < in.size(); i++) {
            TensorShape s = in.get(i);
            if (s.flat() || s.height() != first.height() || s.width() != first.width()) {
                return fail(id, "inputs[" + i + "]", "spatial size " + s + " does not match " + first
                        + " of inputs[0]", problems);
            }
            channels += s.channels();
        }
        if (channels > Integer.MAX_VALUE) {
            return fail(id, "inputs", "the inputs have " + channels + " channels together, more than a tensor holds",
                    problems);
        }
        return TensorShape.spatial((int) channels, first.height(), first.width());
    }

    private static boolean positive(String id, String field, int a, int b, int c, List<Problem> problems) {
        if (a <= 0 || b <= 0 || c <= 0) {
            problems.add(new Problem(id, field, "sizes must be > 0, got " + a + "," + b
                    + (c == 1 ? "" : "," + c)));
            return false;
        }
        return true;
    }

    private static boolean nonNegative(String id, Padding p, List<Problem> problems) {
        if (p.top() < 0 || p.bottom() < 0 || p.left() < 0 || p.right() < 0) {
            problems.add(new Problem(id, "padding", "padding must be >= 0, got " + p));
            return false;
        }
        return true;
    }

    private static TensorShape fail(String id, String field, String message, List<Problem> problems) {
        problems.add(new Problem(id, field, message));
        return null;
    }
}
