package org.repstudio.core.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.repstudio.core.graph.Graph;

/**
 * A simple left-to-right layout for designs that have no positions yet. Column = length of the
 * longest path from a source node, so every wire points right; within a column each node is placed
 * at the mean height of its producers (branches stay level with what feeds them), then pushed apart
 * to keep {@link #ROW} pixels between boxes. Deterministic, so generated sample files do not drift.
 */
public final class LayeredLayout {

    /** Horizontal distance between columns, in pixels. */
    public static final double COLUMN = 180;
    /** Smallest vertical distance between two nodes of one column, in pixels. */
    public static final double ROW = 90;

    private LayeredLayout() {
    }

    /** A position for every node; the top-most node is at y = 0 and sources at x = 0. */
    public static Map<String, Position> positions(Graph graph) {
        List<String> order = graph.topologicalOrder().orElseGet(() -> new ArrayList<>(graph.nodes().keySet()));
        Map<String, Integer> depth = depths(graph, order);
        Map<Integer, List<String>> columns = new TreeMap<>();
        for (String id : order) {
            columns.computeIfAbsent(depth.get(id), d -> new ArrayList<>()).add(id);
        }
        Map<String, Double> y = new HashMap<>();
        for (List<String> column : columns.values()) {
            placeColumn(graph, column, y);
        }
        double top = y.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        Map<String, Position> out = new LinkedHashMap<>();
        for (String id : graph.nodes().keySet()) {
            out.put(id, new Position(depth.get(id) * COLUMN, Math.round(y.get(id) - top) + 0.0));
        }
        return out;
    }

    /** Longest path from a source; in a cyclic graph, wires that point backwards in {@code order} are ignored. */
    private static Map<String, Integer> depths(Graph graph, List<String> order) {
        Map<String, Integer> depth = new HashMap<>();
        for (String id : order) {
            int d = 0;
            for (String p : graph.inputsOf(id)) {
                Integer pd = depth.get(p);
                if (pd != null) {
                    d = Math.max(d, pd + 1);
                }
            }
            depth.put(id, d);
        }
        return depth;
    }

    private static void placeColumn(Graph graph, List<String> column, Map<String, Double> y) {
        Map<String, Double> wanted = new HashMap<>();
        for (String id : column) {
            wanted.put(id, meanOfProducers(graph, id, y));
        }
        List<String> sorted = new ArrayList<>(column);
        sorted.sort(Comparator.comparingDouble(wanted::get)); // stable: ties keep graph order
        double[] placed = new double[sorted.size()];
        double drift = 0;
        for (int i = 0; i < placed.length; i++) {
            double w = wanted.get(sorted.get(i));
            placed[i] = i == 0 ? w : Math.max(w, placed[i - 1] + ROW);
            drift += placed[i] - w;
        }
        double shift = drift / placed.length; // centre the column on where its nodes wanted to be
        for (int i = 0; i < placed.length; i++) {
            y.put(sorted.get(i), placed[i] - shift);
        }
    }

    private static double meanOfProducers(Graph graph, String id, Map<String, Double> y) {
        double sum = 0;
        int n = 0;
        for (String p : graph.inputsOf(id)) {
            Double py = y.get(p);
            if (py != null) {
                sum += py;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
