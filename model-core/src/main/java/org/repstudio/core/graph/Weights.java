package org.repstudio.core.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.algebra.Tensor;

/**
 * Parameter tensors of a graph, keyed by node id then parameter name ("weight", "bias", "gamma",
 * "beta", "mean", "var", "scale", "alpha"). Immutable; {@link #with} returns a copy.
 */
public final class Weights {

    private final Map<String, Map<String, Tensor>> byNode;

    public Weights(Map<String, Map<String, Tensor>> byNode) {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        byNode.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.byNode = Collections.unmodifiableMap(copy);
    }

    public static Weights empty() {
        return new Weights(Map.of());
    }

    public Map<String, Map<String, Tensor>> byNode() {
        return byNode;
    }

    public Map<String, Tensor> of(String nodeId) {
        return byNode.getOrDefault(nodeId, Map.of());
    }

    public Optional<Tensor> find(String nodeId, String name) {
        return Optional.ofNullable(of(nodeId).get(name));
    }

    public Tensor get(String nodeId, String name) {
        Tensor t = of(nodeId).get(name);
        if (t == null) {
            throw new IllegalArgumentException("node '" + nodeId + "' has no parameter '" + name + "'");
        }
        return t;
    }

    /** Replaces all parameters of one node. */
    public Weights with(String nodeId, Map<String, Tensor> params) {
        Map<String, Map<String, Tensor>> m = new LinkedHashMap<>(byNode);
        m.put(nodeId, params);
        return new Weights(m);
    }

    public Weights without(String nodeId) {
        Map<String, Map<String, Tensor>> m = new LinkedHashMap<>(byNode);
        m.remove(nodeId);
        return new Weights(m);
    }

    /** Number of scalar parameters over all nodes. */
    public long count() {
        long n = 0;
        for (Map<String, Tensor> p : byNode.values()) {
            for (Tensor t : p.values()) {
                n += t.size();
            }
        }
        return n;
    }
}
