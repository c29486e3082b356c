package org.repstudio.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;

/**
 * Writes the canonical text of a design: header fields one per line, then one node per line. One line
 * per node keeps large networks short and makes diffs of a design read like a list of edits.
 */
final class DesignWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter ONE_LINE = MAPPER.writer(new SpacedOneLine());

    private DesignWriter() {
    }

    /** Opaque nodes need version 2; any other design stays version 1, so older RepStudios still open it. */
    static int versionFor(org.repstudio.core.graph.Graph g) {
        boolean opaque = g.nodes().values().stream().anyMatch(n -> n.op() instanceof org.repstudio.core.graph.Op.Opaque);
        return opaque ? DesignReader.VERSION : DesignReader.OLDEST_VERSION;
    }

    static String toJson(DesignFile d) {
        Map<String, List<String>> inputs = inputsByPort(d.graph());
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "format", TextNode.valueOf(DesignReader.FORMAT));
        field(sb, "version", MAPPER.getNodeFactory().numberNode(versionFor(d.graph())));
        field(sb, "name", TextNode.valueOf(d.name()));
        field(sb, "description", TextNode.valueOf(d.description()));
        field(sb, "method", TextNode.valueOf(d.method()));
        d.expect().ifPresent(e -> field(sb, "expect", TextNode.valueOf(e.jsonName())));
        if (d.onlineTraining()) {
            field(sb, "training", TextNode.valueOf("online"));
        }
        sb.append("  \"nodes\": [");
        String sep = "\n";
        for (Node n : d.graph().nodes().values()) {
            sb.append(sep).append("    ").append(text(node(n, inputs.get(n.id()), d.positions().get(n.id()))));
            sep = ",\n";
        }
        sb.append(d.graph().nodes().isEmpty() ? "]" : "\n  ]");
        d.weights().ifPresent(w -> sb.append(",\n  \"weights\": ").append(text(TextNode.valueOf(w))));
        if (!d.groups().isEmpty()) {
            sb.append(",\n  \"groups\": [");
            String gsep = "\n";
            for (DesignGroup g : d.groups()) {
                ObjectNode o = MAPPER.createObjectNode();
                o.put("id", g.id());
                o.put("name", g.name());
                g.members().forEach(o.putArray("members")::add);
                coordinate(o, "x", g.at().x());
                coordinate(o, "y", g.at().y());
                o.put("collapsed", g.collapsed());
                sb.append(gsep).append("    ").append(text(o));
                gsep = ",\n";
            }
            sb.append("\n  ]");
        }
        return sb.append("\n}\n").toString();
    }

    private static void field(StringBuilder sb, String name, JsonNode value) {
        sb.append("  \"").append(name).append("\": ").append(text(value)).append(",\n");
    }

    private static ObjectNode node(Node n, List<String> inputs, Position at) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", n.id()).put("op", n.op().kind());
        if (n.op().arity() != 0 || !inputs.isEmpty()) {
            ArrayNode a = o.putArray("inputs");
            inputs.forEach(a::add);
        }
        if (at != null) {
            coordinate(o, "x", at.x());
            coordinate(o, "y", at.y());
        }
        OpCodec.write(n.op(), o);
        o.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber() && !Double.isFinite(f.getValue().doubleValue())) {
                // JSON has no Infinity or NaN: saving one would make a file that cannot be opened again
                throw new IllegalArgumentException("cannot save node '" + n.id() + "': " + f.getKey() + " is "
                        + f.getValue().doubleValue());
            }
        });
        return o;
    }

    /** Whole pixels are written without ".0" so hand-edited files stay tidy. */
    private static void coordinate(ObjectNode o, String name, double v) {
        boolean negativeZero = Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0);
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero) {
            o.put(name, (long) v);
        } else {
            o.put(name, v);
        }
    }

    /**
     * Producers of every node in port order, with null for a port left open. Wires the format cannot
     * say (two producers on one port, a wire to or from a missing node) are refused rather than dropped.
     */
    private static Map<String, List<String>> inputsByPort(Graph g) {
        Map<String, List<String>> byNode = new HashMap<>();
        for (String id : g.nodes().keySet()) {
            byNode.put(id, new ArrayList<>());
        }
        for (Edge e : g.edges()) {
            List<String> ports = byNode.get(e.to());
            if (ports == null || !g.contains(e.from()) || e.port() < 0) {
                throw new IllegalArgumentException("cannot save wire " + e + ": it must join two nodes of the design");
            }
            while (ports.size() <= e.port()) {
                ports.add(null);
            }
            if (ports.get(e.port()) != null) {
                throw new IllegalArgumentException("cannot save node '" + e.to() + "': input port " + e.port()
                        + " has two producers ('" + ports.get(e.port()) + "' and '" + e.from() + "')");
            }
            ports.set(e.port(), e.from());
        }
        return byNode;
    }

    private static String text(JsonNode n) {
        try {
            return ONE_LINE.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree failed to serialize", e); // cannot happen for trees
        }
    }

    /** Compact JSON with a space after ':' and ',' so a one-line node is still easy to read. */
    private static final class SpacedOneLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
