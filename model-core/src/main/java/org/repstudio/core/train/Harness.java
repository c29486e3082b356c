package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;

/**
 * Builds the network that trains a block design. For a block (spatial output):
 * {@code input [C, H, W] -> stem conv3x3-BN-ReLU -> copies x block -> global average pool -> flatten ->
 * linear [classes]}. Each copy's nodes keep their ids with a prefix {@code b1_}, {@code b2_}...; a copy
 * whose output is not a ReLU gets one; when a block changes the channel count, a 1x1 conv-BN-ReLU
 * ({@code bN_adapt}) brings it back so the next copy fits. A whole network (flat output) trains as it is,
 * with its input resized to the data and its last linear layer resized to the classes. A block with a flat
 * output that is no classifier (RepMLP) keeps its input shape behind a strided stem and gets a linear head.
 * With {@link HarnessSpec.Layout#STAGED} a block goes into a {@link StagedHarness} instead.
 */
public final class Harness {

    private Harness() {
    }

    /** The harness for {@code design} on images of {@code input} shape with {@code classes} classes. */
    public static Graph build(Graph design, TensorShape input, int classes, HarnessSpec spec) {
        requireValid(design, "the design");
        if (isFlatBlock(design)) {
            return wrapFlat(design, input, classes);
        }
        if (isWholeNetwork(design)) {
            return adaptNetwork(design, input, classes);
        }
        return spec.layout() == HarnessSpec.Layout.STAGED ? StagedHarness.wrap(design, input, classes, spec)
                : wrap(design, input, classes, spec);
    }

    /** True when the design ends in a flat output (a classifier), so it needs no harness. */
    public static boolean isWholeNetwork(Graph design) {
        String out = design.outputIds().get(0);
        return ShapeInference.infer(design).shapes().get(out).flat();
    }

    /**
     * True for a block with a flat output that is not a classifier: its last linear layer is summed with
     * other branches (RepMLP's FC beside flattened convs), so resizing it to the classes would break the sum.
     */
    public static boolean isFlatBlock(Graph design) {
        if (!isWholeNetwork(design)) {
            return false;
        }
        String last = null;
        for (String id : design.topologicalOrder().orElseThrow()) {
            if (design.node(id).op() instanceof Op.Linear) {
                last = id;
            }
        }
        return last != null && design.consumersOf(last).stream()
                .anyMatch(c -> design.node(c).op() instanceof Op.Add || design.node(c).op() instanceof Op.Concat);
    }

    /**
     * A flat-output block keeps its input shape: a stem conv 3x3 (stride data size / block size) brings the
     * images to it, then the block once, then a linear classifier on its flat output.
     */
    private static Graph wrapFlat(Graph block, TensorShape input, int classes) {
        TensorShape in = ShapeInference.infer(block).shapes().get(block.inputIds().get(0));
        int stride = input.height() / in.height();
        if (stride < 1 || (input.height() + 2 - 3) / stride + 1 != in.height()
                || (input.width() + 2 - 3) / stride + 1 != in.width()) {
            throw new IllegalArgumentException("the block takes " + in + ", which a strided stem cannot make of "
                    + input + " images");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Wiring w = new Wiring(nodes, edges);
        w.add("in", new Op.Input(input.channels(), input.height(), input.width()));
        w.add("stem", Op.Conv.square(in.channels(), 3, stride, 1, 1, false), "in");
        w.add("stem_bn", new Op.BatchNorm(1e-5), "stem");
        String last = splice(block, "b1_", w.add("stem_relu", new Op.Relu(), "stem_bn"), w);
        w.add("head", new Op.Linear(classes, true), last);
        w.add("out", new Op.Output(), "head");
        Graph g = new Graph(nodes, edges);
        requireValid(g, "the harness");
        return g;
    }

    private static Graph wrap(Graph block, TensorShape input, int classes, HarnessSpec spec) {
        Map<String, TensorShape> shapes = ShapeInference.infer(block).shapes();
        String blockIn = block.inputIds().get(0);
        String blockOut = block.outputIds().get(0);
        int width = shapes.get(blockIn).channels();
        int outWidth = shapes.get(blockOut).channels();

        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Wiring w = new Wiring(nodes, edges);
        w.add("in", new Op.Input(input.channels(), input.height(), input.width()));
        String last = convBnRelu(w, "stem", width, spec.stemStride(), "in");
        for (int i = 1; i <= spec.copies(); i++) {
            last = copy(block, "b" + i + "_", last, w, outWidth != width && i < spec.copies() ? width : 0);
        }
        return classifier(w, last, classes, "the harness");
    }

    /**
     * One copy of {@code block} under {@code prefix} fed from {@code from}, a ReLU after it when it does not
     * end in one, and with {@code adaptTo > 0} a 1x1 conv-BN-ReLU back to that width; returns the last id.
     */
    static String copy(Graph block, String prefix, String from, Wiring w, int adaptTo) {
        String last = splice(block, prefix, from, w);
        if (!(block.node(block.inputsOf(block.outputIds().get(0)).get(0)).op() instanceof Op.Relu)) {
            last = w.add(prefix + "relu_out", new Op.Relu(), last);
        }
        if (adaptTo > 0) {
            w.add(prefix + "adapt", Op.Conv.square(adaptTo, 1, 1, 0, 1, false), last);
            w.add(prefix + "adapt_bn", new Op.BatchNorm(1e-5), prefix + "adapt");
            last = w.add(prefix + "adapt_relu", new Op.Relu(), prefix + "adapt_bn");
        }
        return last;
    }

    /** A conv 3x3 to {@code width} with {@code stride}, then BN and ReLU; returns the ReLU's id. */
    static String convBnRelu(Wiring w, String id, int width, int stride, String from) {
        w.add(id, Op.Conv.square(width, 3, stride, 1, 1, false), from);
        w.add(id + "_bn", new Op.BatchNorm(1e-5), id);
        return w.add(id + "_relu", new Op.Relu(), id + "_bn");
    }

    /** Global average pool, flatten and a linear layer to {@code classes} after {@code last}; validated. */
    static Graph classifier(Wiring w, String last, int classes, String what) {
        w.add("gap", new Op.GlobalAvgPool(), last);
        w.add("flatten", new Op.Flatten(), "gap");
        w.add("fc", new Op.Linear(classes, true), "flatten");
        w.add("out", new Op.Output(), "fc");
        Graph g = new Graph(w.nodes(), w.edges());
        requireValid(g, what);
        return g;
    }

    /**
     * Copies every node of {@code block} except its Input and Output under {@code prefix}, feeding what
     * read the Input from {@code from}; returns the id of the node that fed the Output.
     */
    static String splice(Graph block, String prefix, String from, Wiring w) {
        String blockIn = block.inputIds().get(0);
        String blockOut = block.outputIds().get(0);
        for (String id : block.topologicalOrder().orElseThrow()) {
            if (id.equals(blockIn) || id.equals(blockOut)) {
                continue;
            }
            List<String> ins = new ArrayList<>();
            for (String p : block.inputsOf(id)) {
                ins.add(p.equals(blockIn) ? from : prefix + p);
            }
            w.add(prefix + id, block.node(id).op(), ins.toArray(new String[0]));
        }
        String exit = block.inputsOf(blockOut).get(0);
        return exit.equals(blockIn) ? from : prefix + exit;
    }

    private static Graph adaptNetwork(Graph net, TensorShape input, int classes) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        String lastLinear = null;
        for (String id : net.topologicalOrder().orElseThrow()) {
            if (net.node(id).op() instanceof Op.Linear) {
                lastLinear = id;
            }
        }
        for (Node n : net.nodes().values()) {
            Op op = n.op();
            if (op instanceof Op.Input) {
                op = new Op.Input(input.channels(), input.height(), input.width());
            } else if (n.id().equals(lastLinear)) {
                op = new Op.Linear(classes, ((Op.Linear) op).bias());
            }
            nodes.put(n.id(), new Node(n.id(), op));
        }
        Graph g = new Graph(nodes, net.edges());
        requireValid(g, "the network on " + input);
        return g;
    }

    /**
     * The weights of {@code design}'s own nodes in a trained harness built from it: the first copy of a block
     * ({@code b1_} ids), or a whole network's nodes. Empty when they do not fit the design (a whole network
     * whose classifier was resized to the dataset's classes).
     */
    public static Optional<Weights> blockWeights(Graph design, Weights harness) {
        String prefix = isWholeNetwork(design) && !isFlatBlock(design) ? "" : "b1_";
        Map<String, Map<String, Tensor>> own = new LinkedHashMap<>();
        for (String id : design.nodes().keySet()) {
            Map<String, Tensor> p = harness.of(prefix + id);
            if (p != null && !p.isEmpty()) {
                own.put(id, p);
            }
        }
        Weights w = new Weights(own);
        return WeightsCheck.problems(design, w).isEmpty() ? Optional.of(w) : Optional.empty();
    }

    static void requireValid(Graph g, String what) {
        var problems = Validator.validate(g);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + " is not valid: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    /** Collects nodes and their input wires in order. */
    record Wiring(Map<String, Node> nodes, List<Edge> edges) {
        String add(String id, Op op, String... inputs) {
            if (nodes.containsKey(id)) {
                throw new IllegalArgumentException("duplicate node id '" + id + "' in the harness");
            }
            nodes.put(id, new Node(id, op));
            for (int i = 0; i < inputs.length; i++) {
                edges.add(new Edge(inputs[i], id, i));
            }
            return id;
        }
    }
}
