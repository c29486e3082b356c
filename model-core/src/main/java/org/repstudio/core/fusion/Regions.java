package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.algebra.RefusalKind;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;

/**
 * Finds the maximal linear regions of a graph. A conv-like node belongs to the region of the one
 * non-linear tensor (an Input, ReLU, pool...) it depends on through conv-like ops only. A conv-like node
 * that depends on two such tensors (a residual Add across a ReLU) cannot become part of one conv and is
 * reported as a refusal, as is a region read from outside at more than one node.
 */
public final class Regions {

    private Regions() {
    }

    /** Regions that can be collapsed, and the refusals met while finding them. */
    public record Found(List<Region> regions, List<Refusal> refusals) {
    }

    public static Found find(Graph graph) {
        List<String> order = graph.topologicalOrder().orElseThrow(() -> new IllegalArgumentException("cycle"));
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        Map<String, Set<String>> sources = new HashMap<>();
        Map<String, List<String>> byEntry = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        for (String id : order) {
            if (!isLinear(graph, shapes, id)) {
                continue;
            }
            Set<String> src = new LinkedHashSet<>();
            for (String p : graph.inputsOf(id)) {
                if (isLinear(graph, shapes, p)) {
                    src.addAll(sources.get(p));
                } else {
                    src.add(p);
                }
            }
            if (src.size() > 1) {
                // an unfusable join bounds the regions after it, like a nonlinear op
                sources.put(id, Set.of(id));
                refusals.add(Refusal.unmeasured(id, List.of(id), List.of(id), RefusalKind.UNFUSABLE_JOIN,
                        joinReason(graph, id, src)));
            } else {
                sources.put(id, src);
                byEntry.computeIfAbsent(src.iterator().next(), k -> new ArrayList<>()).add(id);
            }
        }
        List<Region> regions = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byEntry.entrySet()) {
            splitByExit(graph, e.getKey(), e.getValue(), regions, refusals);
        }
        return new Found(regions, refusals);
    }

    /**
     * Linear nodes after one entry may form several independent regions (a block's branch and its
     * downsample shortcut both read x): each exit with the nodes it depends on is one region, unless two
     * exits share nodes, which one conv cannot express.
     */
    private static void splitByExit(Graph graph, String entry, List<String> nodes, List<Region> regions,
                                    List<Refusal> refusals) {
        Set<String> members = new LinkedHashSet<>(nodes);
        List<String> exits = new ArrayList<>();
        for (String id : nodes) {
            for (String c : graph.consumersOf(id)) {
                if (!members.contains(c)) {
                    exits.add(id);
                    break;
                }
            }
        }
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        for (String exit : exits) {
            Set<String> up = new LinkedHashSet<>();
            collect(graph, exit, members, up);
            owned.put(exit, up);
        }
        Set<String> claimed = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (Set<String> up : owned.values()) {
            for (String id : up) {
                if (!claimed.add(id)) {
                    shared.add(id);
                }
            }
        }
        if (!shared.isEmpty()) {
            refusals.add(Refusal.unmeasured(entry, nodes, List.copyOf(shared), RefusalKind.READ_AT_SEVERAL_EXITS,
                    "the linear region after '" + entry + "' is read from"
                    + " outside at " + exits.size() + " nodes (" + String.join(", ", exits) + ") that share "
                    + String.join(", ", shared) + "; one fused conv has one output"));
            return;
        }
        for (Map.Entry<String, Set<String>> e : owned.entrySet()) {
            List<String> ordered = nodes.stream().filter(e.getValue()::contains).toList();
            regions.add(new Region(entry, ordered, e.getKey()));
        }
    }

    private static void collect(Graph graph, String id, Set<String> members, Set<String> into) {
        if (!members.contains(id) || !into.add(id)) {
            return;
        }
        for (String p : graph.inputsOf(id)) {
            collect(graph, p, members, into);
        }
    }

    /**
     * A conv-like node on a spatial tensor. On a flat one (an Identity between Flatten and Linear, an Add
     * of FC outputs) there is no conv to fuse into: those nodes are left as they are, like a ReLU.
     */
    static boolean isLinear(Graph graph, Map<String, TensorShape> shapes, String id) {
        if (!graph.node(id).op().isConvLinear()) {
            return false;
        }
        TensorShape out = shapes.get(id);
        return out != null && !out.flat() && graph.inputsOf(id).stream().allMatch(p -> spatial(shapes.get(p)));
    }

    private static boolean spatial(TensorShape s) {
        return s != null && !s.flat();
    }

    private static String joinReason(Graph graph, String id, Set<String> src) {
        List<String> nonlinear = new ArrayList<>();
        for (String s : src) {
            Op op = graph.node(s).op();
            if (!(op instanceof Op.Input)) {
                nonlinear.add("'" + s + "' (" + op.kind() + ")");
            }
        }
        return graph.node(id).op().kind() + " '" + id + "' joins tensors that start at " + String.join(" and ",
                src.stream().map(s -> "'" + s + "'").toList()) + (nonlinear.isEmpty() ? "" : "; a nonlinearity "
                + String.join(", ", nonlinear) + " sits inside a branch") + ", so its branches cannot be merged into"
                + " one conv";
    }
}
