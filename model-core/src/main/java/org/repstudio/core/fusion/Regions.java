package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

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
        Map<String, Set<String>> sources = new HashMap<>();
        Map<String, List<String>> byEntry = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        Map<String, String> strandedBy = new HashMap<>();
        for (String id : order) {
            if (!isLinear(graph, id)) {
                continue;
            }
            Set<String> src = new LinkedHashSet<>();
            String joinedAfter = null;
            for (String p : graph.inputsOf(id)) {
                if (isLinear(graph, p)) {
                    src.addAll(sources.get(p));
                    if (strandedBy.containsKey(p)) {
                        joinedAfter = strandedBy.get(p);
                    }
                } else {
                    src.add(p);
                }
            }
            sources.put(id, src);
            if (joinedAfter != null) {
                strandedBy.put(id, joinedAfter);
                addToRefusal(refusals, joinedAfter, id);
            } else if (src.size() > 1) {
                strandedBy.put(id, id);
                refusals.add(Refusal.unmeasured(id, new ArrayList<>(List.of(id)), joinReason(graph, id, src)));
            } else {
                byEntry.computeIfAbsent(src.iterator().next(), k -> new ArrayList<>()).add(id);
            }
        }
        List<Region> regions = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byEntry.entrySet()) {
            Set<String> members = new LinkedHashSet<>(e.getValue());
            List<String> exits = new ArrayList<>();
            for (String id : e.getValue()) {
                for (String c : graph.consumersOf(id)) {
                    if (!members.contains(c)) {
                        exits.add(id);
                        break;
                    }
                }
            }
            if (exits.size() == 1) {
                regions.add(new Region(e.getKey(), e.getValue(), exits.get(0)));
            } else {
                refusals.add(Refusal.unmeasured(e.getKey(), e.getValue(), "the linear region after '" + e.getKey()
                        + "' is read from outside at " + exits.size() + " nodes (" + String.join(", ", exits)
                        + "); one fused conv has one output"));
            }
        }
        return new Found(regions, refusals);
    }

    static boolean isLinear(Graph graph, String id) {
        return graph.node(id).op().isConvLinear();
    }

    private static void addToRefusal(List<Refusal> refusals, String joinId, String id) {
        for (Refusal r : refusals) {
            if (r.region().equals(joinId)) {
                r.nodes().add(id);
            }
        }
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
