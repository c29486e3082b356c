package org.repstudio.core.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluent construction of graphs for samples and tests: {@code add(id, op, inputs...)} wires the
 * inputs in port order. Ids must be unique; {@link #build()} does not validate (see {@link Validator}).
 */
public final class GraphBuilder {

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    public GraphBuilder add(String id, Op op, String... inputs) {
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException("duplicate node id '" + id + "'");
        }
        nodes.put(id, new Node(id, op));
        for (int i = 0; i < inputs.length; i++) {
            edges.add(new Edge(inputs[i], id, i));
        }
        return this;
    }

    public GraphBuilder input(String id, int c, int h, int w) {
        return add(id, new Op.Input(c, h, w));
    }

    public GraphBuilder conv(String id, String in, int out, int k, int stride, int pad, int groups) {
        return add(id, Op.Conv.square(out, k, stride, pad, groups, false), in);
    }

    public GraphBuilder bn(String id, String in) {
        return add(id, new Op.BatchNorm(1e-5), in);
    }

    /** Conv followed by BN: nodes {@code id} and {@code id + "_bn"}; returns the builder. */
    public GraphBuilder convBn(String id, String in, int out, int k, int stride, int pad, int groups) {
        conv(id, in, out, k, stride, pad, groups);
        return bn(id + "_bn", id);
    }

    public GraphBuilder output(String id, String in) {
        return add(id, new Op.Output(), in);
    }

    public boolean has(String id) {
        return nodes.containsKey(id);
    }

    public Graph build() {
        return new Graph(nodes, edges);
    }
}
