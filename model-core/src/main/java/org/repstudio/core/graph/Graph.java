package org.repstudio.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable block graph: nodes in insertion order and wires between them. Edits return a new graph,
 * so the editor's history can be a list of snapshots. The graph may be invalid (dangling ports,
 * cycles); {@link Validator} reports where.
 */
public final class Graph {

    private final Map<String, Node> nodes;
    private final List<Edge> edges;

    public Graph(Map<String, Node> nodes, List<Edge> edges) {
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.edges = List.copyOf(edges);
    }

    public static Graph empty() {
        return new Graph(Map.of(), List.of());
    }

    public Map<String, Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public Node node(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node '" + id + "'");
        }
        return n;
    }

    public Optional<Node> findNode(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    /** Producers feeding {@code id}, ordered by port. */
    public List<String> inputsOf(String id) {
        List<Edge> in = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(id)) {
                in.add(e);
            }
        }
        in.sort(Comparator.comparingInt(Edge::port));
        List<String> ids = new ArrayList<>(in.size());
        for (Edge e : in) {
            ids.add(e.from());
        }
        return ids;
    }

    /** Nodes that read the output of {@code id} (a node reading it twice appears twice). */
    public List<String> consumersOf(String id) {
        List<String> out = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(id)) {
                out.add(e.to());
            }
        }
        return out;
    }

    /** Ids of nodes whose op is an {@link Op.Input}. */
    public List<String> inputIds() {
        return nodes.values().stream().filter(n -> n.op() instanceof Op.Input).map(Node::id).toList();
    }

    /** Ids of nodes whose op is an {@link Op.Output}. */
    public List<String> outputIds() {
        return nodes.values().stream().filter(n -> n.op() instanceof Op.Output).map(Node::id).toList();
    }

    /**
     * Nodes in an order where every producer comes before its consumers (stable: ties keep insertion
     * order). Empty when the graph has a cycle; {@link #findCycle()} names it.
     */
    public Optional<List<String>> topologicalOrder() {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> out = new HashMap<>();
        for (String id : nodes.keySet()) {
            pending.put(id, 0);
            out.put(id, new ArrayList<>());
        }
        for (Edge e : edges) {
            if (nodes.containsKey(e.from()) && nodes.containsKey(e.to())) {
                pending.merge(e.to(), 1, Integer::sum);
                out.get(e.from()).add(e.to());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        for (String id : nodes.keySet()) {
            if (pending.get(id) == 0) {
                ready.add(id);
            }
        }
        List<String> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : out.get(id)) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return order.size() == nodes.size() ? Optional.of(order) : Optional.empty();
    }

    /** The nodes of one cycle, if the graph has one. */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String start : nodes.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = dfs(start, state, path);
            if (cycle != null) {
                return Optional.of(cycle);
            }
        }
        return Optional.empty();
    }

    private List<String> dfs(String id, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : (Iterable<String>) path::descendingIterator) {
                if (p.equals(id)) {
                    in = true;
                }
                if (in) {
                    cycle.add(p);
                }
            }
            return cycle;
        }
        state.put(id, 1);
        path.push(id);
        for (String next : consumersOf(id)) {
            if (nodes.containsKey(next)) {
                List<String> c = dfs(next, state, path);
                if (c != null) {
                    return c;
                }
            }
        }
        path.pop();
        state.put(id, 2);
        return null;
    }

    // ---- edits: each returns a new graph ----

    public Graph withNode(Node node) {
        Map<String, Node> n = new LinkedHashMap<>(nodes);
        n.put(node.id(), node);
        return new Graph(n, edges);
    }

    /** Removes the node and every wire touching it. */
    public Graph withoutNode(String id) {
        Map<String, Node> n = new LinkedHashMap<>(nodes);
        n.remove(id);
        List<Edge> e = edges.stream().filter(x -> !x.from().equals(id) && !x.to().equals(id)).toList();
        return new Graph(n, e);
    }

    public Graph withEdge(Edge edge) {
        List<Edge> e = new ArrayList<>(edges);
        e.add(edge);
        return new Graph(nodes, e);
    }

    public Graph withoutEdge(Edge edge) {
        List<Edge> e = new ArrayList<>(edges);
        e.remove(edge);
        return new Graph(nodes, e);
    }

    /** Sets the inputs of {@code id} to {@code producers}, ports 0..n-1, replacing its old inputs. */
    public Graph withInputs(String id, List<String> producers) {
        List<Edge> e = new ArrayList<>();
        for (Edge x : edges) {
            if (!x.to().equals(id)) {
                e.add(x);
            }
        }
        for (int i = 0; i < producers.size(); i++) {
            e.add(new Edge(producers.get(i), id, i));
        }
        return new Graph(nodes, e);
    }

    /** Points every consumer of {@code oldId} at {@code newId} instead. */
    public Graph rewire(String oldId, String newId) {
        List<Edge> e = new ArrayList<>();
        for (Edge x : edges) {
            e.add(x.from().equals(oldId) ? new Edge(newId, x.to(), x.port()) : x);
        }
        return new Graph(nodes, e);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Graph g)) {
            return false;
        }
        return nodes.equals(g.nodes) && new java.util.HashSet<>(edges).equals(new java.util.HashSet<>(g.edges))
                && edges.size() == g.edges.size();
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + new java.util.HashSet<>(edges).hashCode();
    }

    @Override
    public String toString() {
        return "Graph(" + nodes.size() + " nodes, " + edges.size() + " edges)";
    }
}
