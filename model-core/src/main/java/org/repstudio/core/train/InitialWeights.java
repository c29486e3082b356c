package org.repstudio.core.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.ParamSpecs;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Starting weights for training, drawn in Java from the seed so a run starts from the same point on
 * every engine and device: He-normal conv and linear weights, zero biases, BatchNorm as the identity
 * (gamma 1, beta 0, running mean 0, running var 1), scales 1, PReLU slopes 0.25.
 */
public final class InitialWeights {

    private InitialWeights() {
    }

    public static Weights draw(Graph graph, long seed) {
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        Random rnd = new Random(seed);
        Map<String, Map<String, Tensor>> all = new LinkedHashMap<>();
        for (Node node : graph.nodes().values()) {
            List<String> in = graph.inputsOf(node.id());
            if (in.isEmpty()) {
                continue;
            }
            Map<String, int[]> specs = ParamSpecs.of(node.op(), shapes.get(in.get(0)));
            if (specs.isEmpty()) {
                continue;
            }
            Map<String, Tensor> params = new LinkedHashMap<>();
            specs.forEach((name, shape) -> params.put(name, value(name, shape, rnd)));
            all.put(node.id(), params);
        }
        return new Weights(all);
    }

    private static Tensor value(String name, int[] shape, Random rnd) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        switch (name) {
            case "weight": {
                int fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                double std = Math.sqrt(2.0 / Math.max(1, fanIn));
                for (int i = 0; i < d.length; i++) {
                    d[i] = std * rnd.nextGaussian();
                }
                break;
            }
            case "gamma":
            case "var":
            case "scale":
                java.util.Arrays.fill(d, 1.0);
                break;
            case "alpha":
                java.util.Arrays.fill(d, 0.25);
                break;
            default: // bias, beta, mean
                break;
        }
        return t;
    }
}
