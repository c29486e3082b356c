package org.repstudio.core.graph;

import java.util.Map;
import java.util.Optional;
import org.repstudio.core.algebra.Tensor;

/**
 * Values no usable model holds: NaN or infinity anywhere (also a value float32 cannot hold, which
 * becomes infinity when stored), a negative BN running variance ("var"). They
 * would only surface later as a fused model that "differs", so sidecars are refused with them when read,
 * and fused weights are checked with the same rule before they are written.
 */
public final class WeightValues {

    private WeightValues() {
    }

    /** What is wrong with one tensor of node {@code node}, parameter {@code name}; empty when nothing is. */
    public static Optional<String> problem(String name, Tensor t) {
        double[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return Optional.of("value " + i + " is " + v[i] + "; weights must be finite numbers");
            }
            if (!Float.isFinite((float) v[i])) {
                return Optional.of("value " + i + " is " + v[i] + ", beyond float32, the precision weights are"
                        + " stored and run in");
            }
            if ("var".equals(name) && v[i] < 0) {
                return Optional.of("value " + i + " is " + v[i] + "; a running variance cannot be negative");
            }
        }
        return Optional.empty();
    }

    /** The first bad tensor of {@code weights} as "node 'x' tensor 'y': ...", or empty. */
    public static Optional<String> firstProblem(Weights weights) {
        for (Map.Entry<String, Map<String, Tensor>> node : weights.byNode().entrySet()) {
            for (Map.Entry<String, Tensor> p : node.getValue().entrySet()) {
                Optional<String> bad = problem(p.getKey(), p.getValue());
                if (bad.isPresent()) {
                    return Optional.of("node '" + node.getKey() + "' tensor '" + p.getKey() + "': " + bad.get());
                }
            }
        }
        return Optional.empty();
    }
}
