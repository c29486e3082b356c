package org.repstudio.app.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.design.Method;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.fusion.Region;
import org.repstudio.core.fusion.Regions;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;

/**
 * Computes {@link Feedback} for a graph. Whether a region fuses exactly is found by cutting the region
 * out as a small design of its own (an input of the entry's shape, the region, an output) and running
 * the fusion planner on random weights; results are cached by that small design, so an edit only
 * re-checks the regions it changed.
 */
public final class FeedbackCalculator {

    private FusionOptions fusion = new FusionOptions(false, false, 0);
    private final Map<Graph, java.util.Set<String>> joinsCache = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Graph, java.util.Set<String>> eldest) {
            return size() > 8;
        }
    };
    private static final long SEED = 7;
    private static final int CACHE = 1024;

    private final Map<Graph, Feedback.RegionStatus> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Graph, Feedback.RegionStatus> eldest) {
                    return size() > CACHE;
                }
            });

    /** Forgets every cached region check (benchmarks measure a first check with it). */
    public void clearCache() {
        cache.clear();
    }

    public Feedback compute(Graph graph) {
        ShapeInference.Result inferred = ShapeInference.infer(graph);
        Map<String, TensorShape> shapes = inferred.shapes();
        // an empty canvas is where every design starts, not an error: the canvas says how to begin instead
        List<Problem> problems = graph.nodes().isEmpty() ? List.of() : Validator.validate(graph);
        Map<String, List<Problem>> byNode = new LinkedHashMap<>();
        for (Problem p : problems) {
            if (p.nodeId() != null) {
                byNode.computeIfAbsent(p.nodeId(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Long> params = new LinkedHashMap<>();
        Map<String, Long> flops = new LinkedHashMap<>();
        long totalParams = 0;
        long totalFlops = 0;
        Map<String, List<Edge>> inEdges = new HashMap<>();
        for (Edge e : graph.edges()) {
            inEdges.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
        for (Node n : graph.nodes().values()) {
            List<Edge> in = new ArrayList<>(inEdges.getOrDefault(n.id(), List.of()));
            in.sort((a, b) -> Integer.compare(a.port(), b.port()));
            List<TensorShape> inShapes = new ArrayList<>();
            for (Edge e : in) {
                inShapes.add(shapes.get(e.from()));
            }
            TensorShape first = inShapes.isEmpty() ? null : inShapes.get(0);
            long p = shapes.containsKey(n.id()) ? Costs.params(n.op(), first) : 0;
            long f = Costs.flops(n.op(), inShapes, shapes.get(n.id()));
            params.put(n.id(), p);
            flops.put(n.id(), f);
            totalParams += p;
            totalFlops += f;
        }
        return new Feedback(shapes, params, flops, totalParams, totalFlops, List.copyOf(problems), byNode,
                regions(graph, shapes));
    }

    private Map<String, Feedback.RegionStatus> regions(Graph graph, Map<String, TensorShape> shapes) {
        Map<String, Feedback.RegionStatus> out = new LinkedHashMap<>();
        if (graph.topologicalOrder().isEmpty()) {
            return out;
        }
        Regions.Found found;
        try {
            found = Regions.find(graph);
        } catch (RuntimeException e) {
            return out;
        }
        java.util.Set<String> stillRefused = found.refusals().isEmpty() ? java.util.Set.of() : joinsLeft(graph);
        for (Refusal r : found.refusals()) {
            boolean merged = !stillRefused.contains(r.region());
            out.put(r.region(), new Feedback.RegionStatus(r.region(), r.nodes(), merged,
                    merged ? "merged by the design's method (RepMLP or RMNet rewrite)" : r.reason()));
        }
        for (Region region : found.regions()) {
            if (region.nodes().size() < 2) {
                continue;
            }
            Graph sub = cut(graph, region, shapes);
            if (sub == null) {
                continue;
            }
            Feedback.RegionStatus status = cache.get(sub);
            if (status == null) {
                Graph small = narrowed(sub);
                status = check(small != null ? small : sub, region);
                cache.put(sub, status);
            }
            out.put(region.exit(), new Feedback.RegionStatus(region.exit(), region.nodes(), status.fusable(),
                    status.reason()));
        }
        return out;
    }

    /** The method's fusion options: RMNet removes residuals, ResRep prunes; others use the defaults. */
    public void setMethod(String method) {
        fusion = new Method(method, false).fusion(false);
        joinsCache.clear();
    }

    /**
     * Joins that stay refused after the whole planner ran, post-passes included (a RepMLP add of an FC and
     * conv branches, an RMNet residual): only designs with joins pay for this, once per graph.
     */
    private java.util.Set<String> joinsLeft(Graph graph) {
        return joinsCache.computeIfAbsent(graph, g -> {
            java.util.Set<String> left = new java.util.HashSet<>();
            try {
                FusionTrace t = FusionPlanner.fuse(g, RandomWeights.generate(g, SEED), fusion);
                t.refusals().forEach(r -> left.add(r.region()));
            } catch (RuntimeException e) {
                Regions.find(g).refusals().forEach(r -> left.add(r.region()));
            }
            return left;
        });
    }

    private static Feedback.RegionStatus check(Graph sub, Region region) {
        try {
            FusionTrace trace = FusionPlanner.fuse(sub, RandomWeights.generate(sub, SEED), false);
            return new Feedback.RegionStatus(region.exit(), region.nodes(), trace.exact(),
                    trace.exact() ? "collapses exactly into one conv" : trace.refusals().get(0).reason());
        } catch (RuntimeException e) {
            return new Feedback.RegionStatus(region.exit(), region.nodes(), false,
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * The same region with every channel count divided by their greatest common divisor (groups scaled
     * to match), so checking a 1280-channel region does not build megabytes of random weights. Whether a
     * region fuses exactly does not depend on how many channels it has. Null when it cannot be narrowed.
     */
    static Graph narrowed(Graph sub) {
        int d = 0;
        for (Node n : sub.nodes().values()) {
            if (n.op() instanceof Op.Input in) {
                d = gcd(d, in.channels());
            } else if (n.op() instanceof Op.Conv c) {
                d = gcd(d, c.outChannels());
            } else if (n.op() instanceof Op.Linear) {
                return null;
            }
        }
        if (d <= 1) {
            return null;
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Node n : sub.nodes().values()) {
            Op op = n.op();
            if (op instanceof Op.Input in) {
                op = new Op.Input(in.channels() / d, in.height(), in.width());
            } else if (op instanceof Op.Conv c) {
                op = c.withOutChannels(c.outChannels() / d).withGroups(c.groups() / gcd(c.groups(), d));
            }
            nodes.put(n.id(), new Node(n.id(), op));
        }
        Graph g = new Graph(nodes, sub.edges());
        return Validator.validate(g).isEmpty() ? g : null;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    /** The region as a design of its own, or null when the entry's shape is unknown or not spatial. */
    static Graph cut(Graph graph, Region region, Map<String, TensorShape> shapes) {
        TensorShape in = shapes.get(region.entry());
        if (in == null || in.flat()) {
            return null;
        }
        Set<String> members = Set.copyOf(region.nodes());
        Map<String, Node> nodes = new LinkedHashMap<>();
        nodes.put(region.entry(), new Node(region.entry(), new Op.Input(in.channels(), in.height(), in.width())));
        for (String id : region.nodes()) {
            nodes.put(id, graph.node(id));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : graph.edges()) {
            if (members.contains(e.to()) && (members.contains(e.from()) || e.from().equals(region.entry()))) {
                edges.add(e);
            }
        }
        String outId = region.exit() + "#out";
        nodes.put(outId, new Node(outId, new Op.Output()));
        edges.add(new Edge(region.exit(), outId, 0));
        return new Graph(nodes, edges);
    }
}
