package org.repstudio.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;

/** Checks a set of weights against the parameters a graph needs ({@link ParamSpecs}). */
public final class WeightsCheck {

    private WeightsCheck() {
    }

    /**
     * Where {@code weights} does not fit {@code graph}: parameters of unknown nodes, unknown parameter
     * names, shapes other than {@link ParamSpecs} gives, parameters the graph needs but the weights lack.
     * Nodes whose input shape cannot be inferred are skipped (the Validator reports those).
     */
    public static List<Problem> problems(Graph graph, Weights weights) {
        List<Problem> problems = new ArrayList<>();
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        for (Map.Entry<String, Map<String, Tensor>> e : weights.byNode().entrySet()) {
            if (!graph.contains(e.getKey())) {
                problems.add(new Problem(e.getKey(), null, "has weights but is not in the design"));
            }
        }
        for (Node n : graph.nodes().values()) {
            List<String> in = graph.inputsOf(n.id());
            TensorShape inShape = in.isEmpty() ? null : shapes.get(in.get(0));
            if (inShape != null) {
                checkNode(n, ParamSpecs.of(n.op(), inShape), weights.of(n.id()), problems);
            }
        }
        return problems;
    }

    private static void checkNode(Node n, Map<String, int[]> specs, Map<String, Tensor> given, List<Problem> problems) {
        for (Map.Entry<String, Tensor> p : given.entrySet()) {
            int[] want = specs.get(p.getKey());
            if (want == null) {
                problems.add(new Problem(n.id(), p.getKey(), n.op().kind() + " has no such parameter"
                        + (specs.isEmpty() ? "" : " (it has " + String.join(", ", specs.keySet()) + ")")));
            } else if (!Arrays.equals(want, p.getValue().shape())) {
                problems.add(new Problem(n.id(), p.getKey(), "shape " + Arrays.toString(p.getValue().shape())
                        + " does not match the design's " + Arrays.toString(want)));
            }
        }
        for (String name : specs.keySet()) {
            if (!given.containsKey(name)) {
                problems.add(new Problem(n.id(), name, "missing from the weights"));
            }
        }
    }

}
