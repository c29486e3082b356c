package org.repstudio.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;

/**
 * Turns design-file text into a {@link DesignFile}. Works on Jackson's tree model so every message is
 * ours and names the place; checks the format only (types, required fields, ids and references), not
 * whether the graph can run: an unfinished design must still open (see the graph Validator for that).
 */
final class DesignReader {

    static final String FORMAT = "repstudio-design";
    static final int VERSION = 2;
    /** Version 1 is version 2 without opaque nodes; designs without them are still written as 1. */
    static final int OLDEST_VERSION = 1;

    /**
     * Duplicate keys are rejected: with last-one-wins a typo'd second "kernel" would go unnoticed. The tree
     * is built from the streaming parser, not by an ObjectMapper: the same nodes, but a first read in a
     * fresh JVM costs about 50 ms instead of 170 ms (no data-binding machinery to load and set up).
     */
    private static final JsonFactory JSON = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One node as read, kept until all ids are known so references can be checked. */
    private record ReadNode(JsonFields fields, Node node, List<String> inputs) {
    }

    private DesignReader() {
    }

    static DesignFile parse(String json, String source) throws DesignFormatException {
        JsonNode root = tree(json, source);
        JsonFields top = new JsonFields(source, "", root);
        checkFormatAndVersion(top);
        String name = top.requireString("name");
        String description = top.optString("description").orElse("");
        String method = top.optString("method").orElse("");
        Optional<DesignFile.Expect> expect = readExpect(top);
        boolean online = readTraining(top);
        Optional<String> weights = top.optString("weights");
        JsonNode nodes = top.require("nodes");
        JsonNode groupsJson = top.has("groups") ? top.require("groups") : null;
        top.rejectUnknown("a design");
        if (!nodes.isArray()) {
            throw top.error("nodes", "expected an array of node objects, got " + JsonFields.show(nodes));
        }
        List<ReadNode> read = readNodes(nodes, source);
        Map<String, Position> positions = new LinkedHashMap<>();
        Graph graph = buildGraph(read, positions);
        List<DesignGroup> groups = groupsJson == null ? List.of() : readGroups(groupsJson, graph, top, source);
        return new DesignFile(name, description, method, graph, positions, weights, expect, groups, online);
    }

    /** Sub-block groups: each names nodes that exist, with a unique group id. */
    private static List<DesignGroup> readGroups(JsonNode groups, Graph graph, JsonFields top, String source)
            throws DesignFormatException {
        if (!groups.isArray()) {
            throw top.error("groups", "expected an array of group objects, got " + JsonFields.show(groups));
        }
        List<DesignGroup> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            if (!g.isObject()) {
                throw top.error("groups[" + i + "]", "expected a group object, got " + JsonFields.show(g));
            }
            JsonFields f = new JsonFields(source, "groups[" + i + "]", g);
            String id = f.requireString("id");
            String name = f.requireString("name");
            JsonNode members = f.require("members");
            double x = f.optDouble("x", 0);
            double y = f.optDouble("y", 0);
            boolean collapsed = f.optBool("collapsed", true);
            f.rejectUnknown("a group");
            if (!ids.add(id)) {
                throw f.error("id", "duplicate group id \"" + id + "\"");
            }
            if (!members.isArray()) {
                throw f.error("members", "expected an array of node ids, got " + JsonFields.show(members));
            }
            List<String> m = new ArrayList<>();
            for (JsonNode member : members) {
                if (!member.isTextual() || !graph.contains(member.asText())) {
                    throw f.error("members", "no node " + JsonFields.show(member) + " in the design");
                }
                m.add(member.asText());
            }
            out.add(new DesignGroup(id, name, m, new Position(x, y), collapsed));
        }
        return out;
    }

    private static JsonNode tree(String json, String source) throws DesignFormatException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            root = first == null ? null : value(p, first);
            if (root != null && p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new DesignFormatException(source + " line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": malformed JSON: more content after the end of the design object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DesignFormatException(source + where + ": malformed JSON: " + clean(e.getOriginalMessage()), e);
        } catch (DesignFormatException e) {
            throw e;
        } catch (IOException e) { // reading a String: only a JsonProcessingException can happen
            throw new DesignFormatException(source + ": malformed JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new DesignFormatException(source + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new DesignFormatException(source + ": expected a JSON object at the top level, got "
                    + JsonFields.show(root));
        }
        return root;
    }

    /** The value starting at {@code t}, as the tree Jackson's ObjectMapper would build (ints stay ints). */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    o.set(key, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    a.add(value(p, n));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected token " + t);
        }
    }

    /** Jackson's wording minus its internals: no "[Source: ...; " and no feature names. */
    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        if (message.startsWith("Trailing token")) {
            return "more content after the end of the design object";
        }
        return message.replaceAll("\\[Source: [^;]*; ", "[");
    }

    private static void checkFormatAndVersion(JsonFields top) throws DesignFormatException {
        if (!top.has("format")) {
            throw top.error("format", "missing required field (a RepStudio design starts with \"format\": \""
                    + FORMAT + "\")");
        }
        String format = top.requireString("format");
        if (!FORMAT.equals(format)) {
            throw top.error("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = top.requireInt("version");
        if (version > VERSION) {
            throw top.error("version", "version " + version + " is newer than this RepStudio reads ("
                    + VERSION + "); update RepStudio");
        }
        if (version < OLDEST_VERSION) {
            throw top.error("version", "unsupported version " + version + "; this RepStudio reads versions "
                    + OLDEST_VERSION + " to " + VERSION);
        }
    }

    /** {@code "training"}: "online" (OREPA's online re-param) or "offline" (the default). */
    private static boolean readTraining(JsonFields top) throws DesignFormatException {
        Optional<String> text = top.optString("training");
        if (text.isEmpty() || text.get().equals("offline")) {
            return false;
        }
        if (text.get().equals("online")) {
            return true;
        }
        throw top.error("training", "expected \"online\" or \"offline\", got \"" + text.get() + "\"");
    }

    private static Optional<DesignFile.Expect> readExpect(JsonFields top) throws DesignFormatException {
        Optional<String> text = top.optString("expect");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<DesignFile.Expect> e = DesignFile.Expect.fromJson(text.get());
        if (e.isEmpty()) {
            throw top.error("expect", "expected \"exact\" or \"refused\", got \"" + text.get() + "\"");
        }
        return e;
    }

    private static List<ReadNode> readNodes(JsonNode nodes, String source) throws DesignFormatException {
        List<ReadNode> out = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String place = "nodes[" + i + "]";
            if (!n.isObject()) {
                throw new DesignFormatException(source + ": " + place + ": expected a node object, got "
                        + JsonFields.show(n));
            }
            JsonFields unnamed = new JsonFields(source, place, n);
            String id = unnamed.requireString("id");
            if (id.isBlank()) {
                throw unnamed.error("id", "must not be empty");
            }
            JsonFields f = new JsonFields(source, place + " (id \"" + id + "\")", n);
            f.has("id");
            Integer first = firstIndex.putIfAbsent(id, i);
            if (first != null) {
                throw f.error("id", "duplicate node id, first used by nodes[" + first + "]");
            }
            String kind = f.requireString("op");
            Op op = OpCodec.read(kind, f);
            List<String> inputs = readInputs(f, n);
            out.add(new ReadNode(f, new Node(id, op), inputs));
        }
        return out;
    }

    /** Producer ids in port order; null marks a port left unconnected in the editor. */
    private static List<String> readInputs(JsonFields f, JsonNode n) throws DesignFormatException {
        List<String> inputs = new ArrayList<>();
        if (!f.has("inputs")) {
            return inputs;
        }
        JsonNode a = n.get("inputs");
        if (!a.isArray()) {
            throw f.error("inputs", "expected an array of node ids, got " + JsonFields.show(a));
        }
        for (int k = 0; k < a.size(); k++) {
            JsonNode e = a.get(k);
            if (!e.isNull() && !e.isTextual()) {
                throw f.error("inputs[" + k + "]", "expected a node id (string) or null, got " + JsonFields.show(e));
            }
            inputs.add(e.isNull() ? null : e.textValue());
        }
        return inputs;
    }

    private static Graph buildGraph(List<ReadNode> read, Map<String, Position> positions)
            throws DesignFormatException {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (ReadNode r : read) {
            byId.put(r.node().id(), r.node());
        }
        List<Edge> edges = new ArrayList<>();
        for (ReadNode r : read) {
            for (int port = 0; port < r.inputs().size(); port++) {
                String from = r.inputs().get(port);
                if (from == null) {
                    continue;
                }
                if (!byId.containsKey(from)) {
                    throw r.fields().error("inputs[" + port + "]", "no node with id \"" + from + "\"");
                }
                edges.add(new Edge(from, r.node().id(), port));
            }
            readPosition(r.fields()).ifPresent(p -> positions.put(r.node().id(), p));
            r.fields().rejectUnknown("op " + r.node().op().kind());
        }
        return new Graph(byId, edges);
    }

    private static Optional<Position> readPosition(JsonFields f) throws DesignFormatException {
        boolean hasX = f.has("x");
        boolean hasY = f.has("y");
        if (hasX != hasY) {
            throw f.error(hasX ? "y" : "x", "missing; a position needs both x and y");
        }
        return hasX ? Optional.of(new Position(f.requireDouble("x"), f.requireDouble("y"))) : Optional.empty();
    }
}
