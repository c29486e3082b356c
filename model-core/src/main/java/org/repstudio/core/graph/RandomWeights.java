package org.repstudio.core.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;

/**
 * Deterministic random parameters for verification: He-scaled conv and linear weights (so deep
 * networks keep activations of order one), and non-trivial BN statistics (mean away from 0, variance
 * away from 1) so a wrong eps or a forgotten mean shows up as an error.
 */
public final class RandomWeights {

    /** The seed of random weights wherever a design has none and the user named no other (CLI and app). */
    public static final long DEFAULT_SEED = 42;

    private RandomWeights() {
    }

    public static Weights generate(Graph graph, long seed) {
        ShapeInference.Result shapes = ShapeInference.infer(graph);
        Random rnd = new Random(seed);
        Map<String, Map<String, Tensor>> all = new LinkedHashMap<>();
        for (Node node : graph.nodes().values()) {
            List<String> in = graph.inputsOf(node.id());
            if (in.isEmpty() || shapes.shapeOf(in.get(0)).isEmpty()) {
                continue;
            }
            Map<String, int[]> specs = ParamSpecs.of(node.op(), shapes.shapes().get(in.get(0)));
            if (specs.isEmpty()) {
                continue;
            }
            Map<String, Tensor> params = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : specs.entrySet()) {
                params.put(e.getKey(), draw(node.op(), e.getKey(), e.getValue(), rnd));
            }
            all.put(node.id(), params);
        }
        return new Weights(all);
    }

    private static Tensor draw(Op op, String name, int[] shape, Random rnd) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        double std = Math.sqrt(2.0 / Math.max(1, fanIn));
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (name) {
                case "gamma" -> 0.5 + rnd.nextDouble();
                case "beta" -> 0.3 * rnd.nextGaussian();
                case "mean" -> 0.2 * rnd.nextGaussian();
                case "var" -> 0.5 + 1.5 * rnd.nextDouble();
                case "scale" -> 0.5 + rnd.nextDouble();
                case "alpha" -> 0.05 + 0.3 * rnd.nextDouble();
                case "bias" -> 0.1 * rnd.nextGaussian();
                default -> std * rnd.nextGaussian();
            };
        }
        return t;
    }
}
