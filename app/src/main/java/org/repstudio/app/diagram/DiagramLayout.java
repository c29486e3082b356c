package org.repstudio.app.diagram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;

/**
 * Where every node box and wire of a design goes, computed without the toolkit. Positions are the
 * top-left corners of the boxes; the whole drawing is shifted so it starts at {@link #MARGIN}. Nodes
 * without a position are laid out in columns by depth (below the placed ones, if any). Wires leave a
 * box on its output side and enter on its input side, one input port per wire, spread along that side;
 * which sides those are follows the design's main direction ({@link Flow}).
 */
public final class DiagramLayout {

    public static final double NODE_WIDTH = 176;
    public static final double NODE_HEIGHT = 58;
    public static final double MARGIN = 40;
    static final double AUTO_GAP_X = 56;
    static final double AUTO_GAP_Y = 28;
    private static final double MIN_BEND = 36;

    /** The main direction the data flows in, judged from the wires. */
    public enum Flow { LEFT_TO_RIGHT, TOP_TO_BOTTOM }

    /** One node's box: top-left corner and size, with the texts shown in it. */
    public record Box(String id, String summary, String category, double x, double y, double width,
                      double height) {
    }

    /** A cubic curve from the output of {@code from} to input {@code port} of {@code to}. */
    public record Wire(String from, String to, int port, double startX, double startY, double control1X,
                       double control1Y, double control2X, double control2Y, double endX, double endY) {
    }

    private final List<Box> boxes;
    private final List<Wire> wires;
    private final Flow flow;
    private final double width;
    private final double height;

    private DiagramLayout(List<Box> boxes, List<Wire> wires, Flow flow, double width, double height) {
        this.boxes = List.copyOf(boxes);
        this.wires = List.copyOf(wires);
        this.flow = flow;
        this.width = width;
        this.height = height;
    }

    /** Lays out {@code graph}; {@code positions} maps node ids to {x, y} and may miss some or all nodes. */
    public static DiagramLayout of(Graph graph, Map<String, double[]> positions) {
        Map<String, double[]> at = place(graph, positions);
        Flow flow = flowOf(graph, at);

        List<Box> boxes = new ArrayList<>();
        double right = 0;
        double bottom = 0;
        for (Node n : graph.nodes().values()) {
            double[] p = at.get(n.id());
            boxes.add(new Box(n.id(), OpLabels.summary(n.op()), OpLabels.category(n.op()), p[0], p[1],
                    NODE_WIDTH, NODE_HEIGHT));
            right = Math.max(right, p[0] + NODE_WIDTH);
            bottom = Math.max(bottom, p[1] + NODE_HEIGHT);
        }

        Map<String, Integer> inputCount = new HashMap<>();
        for (Edge e : graph.edges()) {
            inputCount.merge(e.to(), 1, Integer::sum);
        }
        List<Wire> wires = new ArrayList<>();
        for (Edge e : graph.edges()) {
            double[] from = at.get(e.from());
            double[] to = at.get(e.to());
            if (from != null && to != null) {
                int slots = Math.max(inputCount.get(e.to()), e.port() + 1);
                wires.add(wire(e, from, to, (e.port() + 1.0) / (slots + 1.0), flow));
            }
        }
        return new DiagramLayout(boxes, wires, flow, right + MARGIN, bottom + MARGIN);
    }

    public List<Box> boxes() {
        return boxes;
    }

    public List<Wire> wires() {
        return wires;
    }

    public Flow flow() {
        return flow;
    }

    /** Width of the whole drawing, margins included. */
    public double width() {
        return width;
    }

    /** Height of the whole drawing, margins included. */
    public double height() {
        return height;
    }

    public Optional<Box> box(String id) {
        return boxes.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    private static Wire wire(Edge e, double[] from, double[] to, double slot, Flow flow) {
        if (flow == Flow.LEFT_TO_RIGHT) {
            double sx = from[0] + NODE_WIDTH;
            double sy = from[1] + NODE_HEIGHT / 2;
            double ex = to[0];
            double ey = to[1] + NODE_HEIGHT * slot;
            double bend = Math.max(MIN_BEND, Math.abs(ex - sx) / 2);
            return new Wire(e.from(), e.to(), e.port(), sx, sy, sx + bend, sy, ex - bend, ey, ex, ey);
        }
        double sx = from[0] + NODE_WIDTH / 2;
        double sy = from[1] + NODE_HEIGHT;
        double ex = to[0] + NODE_WIDTH * slot;
        double ey = to[1];
        double bend = Math.max(MIN_BEND, Math.abs(ey - sy) / 2);
        return new Wire(e.from(), e.to(), e.port(), sx, sy, sx, sy + bend, ex, ey - bend, ex, ey);
    }

    /** Top-left corner of every node: given ones kept, missing ones laid out, all shifted to the margin. */
    private static Map<String, double[]> place(Graph graph, Map<String, double[]> positions) {
        Map<String, double[]> at = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        double givenBottom = Double.NEGATIVE_INFINITY;
        double givenLeft = Double.POSITIVE_INFINITY;
        for (String id : graph.nodes().keySet()) {
            double[] p = positions.get(id);
            if (p != null && p.length >= 2) {
                at.put(id, new double[] {p[0], p[1]});
                givenBottom = Math.max(givenBottom, p[1] + NODE_HEIGHT);
                givenLeft = Math.min(givenLeft, p[0]);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            boolean belowGiven = !at.isEmpty();
            double dx = belowGiven ? givenLeft : 0;
            double dy = belowGiven ? givenBottom + 2 * AUTO_GAP_Y : 0;
            autoPlace(graph, missing).forEach((id, p) -> at.put(id, new double[] {p[0] + dx, p[1] + dy}));
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        for (double[] p : at.values()) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
        }
        for (double[] p : at.values()) {
            p[0] += MARGIN - minX;
            p[1] += MARGIN - minY;
        }
        return at;
    }

    /**
     * Columns by depth: first the longest path from the sources, then each node moved right up to just
     * before its nearest consumer (so a short branch such as an identity sits beside the long ones instead
     * of running its wire behind them). Each column is centred on the tallest one and ordered by the mean
     * height of its inputs, which keeps parallel branches from crossing.
     */
    private static Map<String, double[]> autoPlace(Graph graph, List<String> ids) {
        List<String> order = graph.topologicalOrder().orElseGet(() -> new ArrayList<>(graph.nodes().keySet()));
        Map<String, Integer> depth = new HashMap<>();
        for (String id : order) {
            int d = 0;
            for (String in : graph.inputsOf(id)) {
                Integer before = depth.get(in);
                if (before != null) {
                    d = Math.max(d, before + 1);
                }
            }
            depth.put(id, d);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            String id = order.get(i);
            int nearest = Integer.MAX_VALUE;
            for (String consumer : graph.consumersOf(id)) {
                Integer d = depth.get(consumer);
                if (d != null) {
                    nearest = Math.min(nearest, d);
                }
            }
            if (nearest != Integer.MAX_VALUE) {
                depth.put(id, Math.max(depth.get(id), nearest - 1));
            }
        }

        Set<String> wanted = new HashSet<>(ids);
        TreeMap<Integer, List<String>> columns = new TreeMap<>();
        int tallest = 0;
        for (String id : order) {
            if (wanted.contains(id)) {
                List<String> column = columns.computeIfAbsent(depth.get(id), k -> new ArrayList<>());
                column.add(id);
                tallest = Math.max(tallest, column.size());
            }
        }
        Map<String, double[]> at = new HashMap<>();
        double rowStep = NODE_HEIGHT + AUTO_GAP_Y;
        for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
            List<String> members = new ArrayList<>(column.getValue());
            double top = (tallest - members.size()) * rowStep / 2;
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                double fallback = top + i * rowStep;
                key.put(members.get(i), graph.inputsOf(members.get(i)).stream().filter(at::containsKey)
                        .mapToDouble(in -> at.get(in)[1]).average().orElse(fallback));
            }
            members.sort(Comparator.comparingDouble(key::get));
            for (int row = 0; row < members.size(); row++) {
                at.put(members.get(row), new double[] {column.getKey() * (NODE_WIDTH + AUTO_GAP_X),
                        top + row * rowStep});
            }
        }
        return at;
    }

    private static Flow flowOf(Graph graph, Map<String, double[]> at) {
        double across = 0;
        double down = 0;
        for (Edge e : graph.edges()) {
            double[] a = at.get(e.from());
            double[] b = at.get(e.to());
            if (a != null && b != null) {
                across += Math.abs(b[0] - a[0]);
                down += Math.abs(b[1] - a[1]);
            }
        }
        return across >= down ? Flow.LEFT_TO_RIGHT : Flow.TOP_TO_BOTTOM;
    }
}
