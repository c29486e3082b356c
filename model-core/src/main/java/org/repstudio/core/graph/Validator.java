package org.repstudio.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole-graph validation: one input and one output, no dangling outputs, a PadMode.BIAS pad only after
 * an op that has a bias, plus every problem shape inference finds, and parameters too large to hold
 * ({@link Sizes}). An empty list means the graph can
 * run.
 */
public final class Validator {

    private Validator() {
    }

    public static List<Problem> validate(Graph graph) {
        List<Problem> problems = new ArrayList<>();
        if (graph.nodes().isEmpty()) {
            problems.add(new Problem(null, null, "the design is empty"));
            return problems;
        }
        if (graph.inputIds().size() != 1) {
            problems.add(new Problem(null, "input", "a design needs exactly one input node, has "
                    + graph.inputIds().size()));
        }
        if (graph.outputIds().size() != 1) {
            problems.add(new Problem(null, "output", "a design needs exactly one output node, has "
                    + graph.outputIds().size()));
        }
        for (Edge e : graph.edges()) {
            if (!graph.contains(e.from())) {
                problems.add(new Problem(e.to(), "inputs[" + e.port() + "]", "wired from missing node '"
                        + e.from() + "'"));
            }
        }
        for (Node n : graph.nodes().values()) {
            if (!(n.op() instanceof Op.Output) && graph.consumersOf(n.id()).isEmpty()) {
                problems.add(new Problem(n.id(), "output", "output is not connected to anything"));
            }
            if (n.op() instanceof Op.Pad pad && pad.mode() == Op.PadMode.BIAS) {
                List<String> in = graph.inputsOf(n.id());
                if (in.size() == 1 && graph.contains(in.get(0)) && !hasBias(graph.node(in.get(0)).op())) {
                    problems.add(new Problem(n.id(), "mode", "bias padding needs a BatchNorm or a biased conv "
                            + "before it, got " + graph.node(in.get(0)).op().kind()));
                }
            }
        }
        ShapeInference.Result shapes = ShapeInference.infer(graph);
        problems.addAll(shapes.problems());
        problems.addAll(Sizes.parameterProblems(graph, shapes.shapes()));
        return problems;
    }

    /** True for ops whose output has a per-channel bias that BIAS padding can repeat. */
    public static boolean hasBias(Op op) {
        return op instanceof Op.BatchNorm || (op instanceof Op.Conv c && c.bias());
    }
}
