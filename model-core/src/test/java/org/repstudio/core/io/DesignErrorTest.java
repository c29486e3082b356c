package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a design file can be wrong gives a message that names the file and the place. */
class DesignErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** nodes[0] "in", nodes[1] "c1" (conv), nodes[2] "out". */
    private static final String VALID = """
            {"format": "repstudio-design", "version": 1, "name": "t", "nodes": [
              {"id": "in", "op": "input", "channels": 4, "height": 8, "width": 8},
              {"id": "c1", "op": "conv", "inputs": ["in"], "outChannels": 4, "kernel": [3, 3], "padding": 1},
              {"id": "out", "op": "output", "inputs": ["c1"]}
            ]}""";

    @TempDir
    Path dir;

    @Test
    void theValidBaseParses() throws Exception {
        assertEquals(3, DesignIO.parse(VALID, "t.json").graph().nodes().size());
    }

    @Test
    void wrongFormatOrVersion() throws Exception {
        assertMessage("t.json: format: expected \"repstudio-design\", got \"other\"", top("format", "\"other\""));
        assertMessage("t.json: format: missing required field", withoutTop("format"));
        assertMessage("t.json: version: version 3 is newer than this RepStudio reads (2)", top("version", "3"));
        assertMessage("t.json: version: unsupported version 0", top("version", "0"));
        assertMessage("t.json: version: expected an integer, got \"1\"", top("version", "\"1\""));
        assertMessage("t.json: version: missing required field", withoutTop("version"));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String broken = "{\"format\": \"repstudio-design\",\n  \"version\": 1,\n  \"name\": }";
        String m = messageOf(broken);
        assertTrue(m.startsWith("t.json line 3, column 11: malformed JSON: "), m);
        assertTrue(messageOf("").equals("t.json: the file is empty"), messageOf(""));
        assertTrue(messageOf("[1, 2]").startsWith("t.json: expected a JSON object at the top level, got [1,2]"));
        String trailing = messageOf(VALID + " {}");
        assertTrue(trailing.startsWith("t.json line ") && trailing.indexOf("t.json", 1) < 0
                && trailing.endsWith("malformed JSON: more content after the end of the design object"), trailing);
        assertTrue(messageOf("  \n ").equals("t.json: the file is empty"));
        String dup = messageOf(VALID.replace("\"name\": \"t\"", "\"name\": \"t\", \"name\": \"u\""));
        assertTrue(dup.startsWith("t.json line 1, column ") && dup.contains("Duplicate field 'name'"), dup);
        String open = messageOf("{\"format\": \"repstudio-design\", \"nodes\": [");
        assertTrue(open.startsWith("t.json line 1, column ") && !open.contains("Source:"), open);
    }

    @Test
    void wrongTypes() throws Exception {
        assertMessage("t.json: nodes[1] (id \"c1\").kernel: expected [h, w] integers or one integer, got \"three\"",
                node(1, "kernel", "\"three\""));
        assertMessage("t.json: nodes[1] (id \"c1\").kernel: expected [h, w] integers", node(1, "kernel", "[3, 3, 3]"));
        assertMessage("t.json: nodes[1] (id \"c1\").outChannels: expected an integer, got \"16\"",
                node(1, "outChannels", "\"16\""));
        assertMessage("t.json: nodes[1] (id \"c1\").outChannels: expected an integer, got 4.5",
                node(1, "outChannels", "4.5"));
        assertMessage("t.json: nodes[1] (id \"c1\").outChannels: expected an integer, got 9999999999",
                node(1, "outChannels", "9999999999"));
        assertMessage("t.json: nodes[1] (id \"c1\").bias: expected true or false, got \"yes\"", node(1, "bias", "\"yes\""));
        assertMessage("t.json: nodes[1] (id \"c1\").padding: expected [top, bottom, left, right], [h, w] or one "
                + "integer, got [1,2,3]", node(1, "padding", "[1, 2, 3]"));
        assertMessage("t.json: nodes[1] (id \"c1\").x: number is too large",
                VALID.replace("\"padding\": 1}", "\"padding\": 1, \"x\": 1e400, \"y\": 1}")); // raw: a tree would quote it
        assertMessage("t.json: nodes[1] (id \"c1\").x: expected a number, got \"a\"",
                node(node(VALID, 1, "y", "1"), 1, "x", "\"a\""));
        assertMessage("t.json: nodes[1] (id \"c1\").y: missing; a position needs both x and y", node(1, "x", "5"));
        assertMessage("t.json: nodes[0] (id \"in\").channels: expected an integer, got true", node(0, "channels", "true"));
        assertMessage("t.json: name: expected a string, got 5", top("name", "5"));
        assertMessage("t.json: weights: expected a string, got 5", top("weights", "5"));
        assertMessage("t.json: nodes: expected an array of node objects, got {}", top("nodes", "{}"));
        assertMessage("t.json: nodes[1]: expected a node object, got 5", replaceNode(1, "5"));
        assertMessage("t.json: nodes[1] (id \"c1\").inputs: expected an array of node ids, got \"in\"",
                node(1, "inputs", "\"in\""));
        assertMessage("t.json: nodes[1] (id \"c1\").inputs[0]: expected a node id (string) or null, got 5",
                node(1, "inputs", "[5]"));
        assertMessage("t.json: nodes[1].id: expected a string, got 7", node(1, "id", "7"));
    }

    @Test
    void badValuesOfEnumeratedFields() throws Exception {
        assertMessage("t.json: expect: expected \"exact\" or \"refused\", got \"maybe\"", top("expect", "\"maybe\""));
        String pad = node(node(node(VALID, 1, "op", "\"pad\""), 1, "mode", "\"reflect\""), 1, "kernel", "null");
        String noConvFields = removeNodeField(removeNodeField(pad, 1, "outChannels"), 1, "kernel");
        assertMessage("t.json: nodes[1] (id \"c1\").mode: expected \"zero\" or \"bias\", got \"reflect\"", noConvFields);
    }

    @Test
    void missingRequiredFields() throws Exception {
        assertMessage("t.json: name: missing required field", withoutTop("name"));
        assertMessage("t.json: nodes: missing required field", withoutTop("nodes"));
        assertMessage("t.json: nodes[1].id: missing required field", removeNodeField(VALID, 1, "id"));
        assertMessage("t.json: nodes[1] (id \"c1\").op: missing required field", removeNodeField(VALID, 1, "op"));
        assertMessage("t.json: nodes[1] (id \"c1\").kernel: missing required field", removeNodeField(VALID, 1, "kernel"));
        assertMessage("t.json: nodes[1] (id \"c1\").outChannels: missing required field",
                node(1, "outChannels", "null"));
        assertMessage("t.json: nodes[0] (id \"in\").width: missing required field", removeNodeField(VALID, 0, "width"));
    }

    @Test
    void unknownOpsAndFields() throws Exception {
        assertMessage("t.json: nodes[1] (id \"c1\").op: unknown op \"conv2d\"; known ops: input, conv, batchnorm",
                node(1, "op", "\"conv2d\""));
        assertMessage("t.json: nodes[1] (id \"c1\"): unknown field \"kernal\" for op conv", node(1, "kernal", "3"));
        assertMessage("t.json: nodes[2] (id \"out\"): unknown field \"eps\" for op output", node(2, "eps", "0.1"));
        assertMessage("t.json: top level: unknown field \"colour\" for a design", top("colour", "\"red\""));
    }

    @Test
    void duplicateIdsAndMissingReferences() throws Exception {
        assertMessage("t.json: nodes[2] (id \"c1\").id: duplicate node id, first used by nodes[1]",
                node(2, "id", "\"c1\""));
        assertMessage("t.json: nodes[2] (id \"out\").inputs[0]: no node with id \"c2\"", node(2, "inputs", "[\"c2\"]"));
        assertMessage("t.json: nodes[1].id: must not be empty", node(1, "id", "\" \""));
    }

    @Test
    void readNamesTheFileAndSaysWhatIsWrongWithIt() throws Exception {
        Path bad = dir.resolve("repvgg.json");
        Files.writeString(bad, node(1, "kernel", "\"three\""));
        DesignFormatException e = assertThrows(DesignFormatException.class, () -> DesignIO.read(bad));
        assertEquals("repvgg.json: nodes[1] (id \"c1\").kernel: expected [h, w] integers or one integer, got \"three\"",
                e.getMessage());

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, VALID.replace("\"t\"", "\"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("latin1.json: not UTF-8 text",
                assertThrows(DesignFormatException.class, () -> DesignIO.read(latin1)).getMessage());

        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> DesignIO.read(dir.resolve("no.json")));
        assertTrue(missing.getMessage().contains("no.json") && missing.getMessage().contains("no such design file"));

        Path bom = dir.resolve("bom.json");
        Files.writeString(bom, "\uFEFF" + VALID);
        assertEquals("t", DesignIO.read(bom).name());
    }

    /** Truncating a real sample anywhere, or putting odd values in any field, only ever gives our exception. */
    @Test
    void nothingButDesignFormatExceptionEscapes() throws Exception {
        String small = DesignIO.toJson(SampleCatalog.find("repvgg-s2.json").orElseThrow().design());
        for (int cut = 0; cut < small.length() - 2; cut++) {
            String part = small.substring(0, cut);
            assertThrows(DesignFormatException.class, () -> DesignIO.parse(part, "cut.json"), "cut at " + cut);
        }
        // the DBB sample has every field kind: pairs, paddings, pad modes, eps, positions
        String sample = DesignIO.toJson(SampleCatalog.find("dbb-k3-s1-g1.json").orElseThrow().design());
        String[] odd = {"null", "\"s\"", "1.5", "-1", "0", "[]", "{}", "true", "[1, \"a\"]", "[null]", "2147483648"};
        JsonNode root = JSON.readTree(sample);
        for (int i = 0; i < root.get("nodes").size(); i++) {
            var names = root.get("nodes").get(i).fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                for (String v : odd) {
                    ObjectNode copy = (ObjectNode) root.deepCopy();
                    ((ObjectNode) copy.get("nodes").get(i)).set(field, JSON.readTree(v));
                    String mutated = copy.toString();
                    try {
                        DesignIO.parse(mutated, "odd.json");
                    } catch (DesignFormatException expected) {
                        // renaming a node can break a reference elsewhere, so any node may be named
                        assertTrue(expected.getMessage().startsWith("odd.json: nodes["),
                                field + "=" + v + ": " + expected.getMessage());
                    }
                }
            }
        }
    }

    // ---- helpers that edit the valid base through Jackson's tree ----

    private static void assertMessage(String expectedStart, String json) {
        String m = messageOf(json);
        assertTrue(m.startsWith(expectedStart), "expected a message starting with\n  " + expectedStart + "\ngot\n  " + m);
    }

    private static String messageOf(String json) {
        return assertThrows(DesignFormatException.class, () -> DesignIO.parse(json, "t.json")).getMessage();
    }

    private static String top(String field, String rawValue) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(VALID);
        root.set(field, JSON.readTree(rawValue));
        return root.toString();
    }

    private static String withoutTop(String field) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(VALID);
        root.remove(field);
        return root.toString();
    }

    private static String node(int index, String field, String rawValue) throws Exception {
        return node(VALID, index, field, rawValue);
    }

    private static String node(String json, int index, String field, String rawValue) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) root.get("nodes").get(index)).set(field, JSON.readTree(rawValue));
        return root.toString();
    }

    private static String removeNodeField(String json, int index, String field) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) root.get("nodes").get(index)).remove(field);
        return root.toString();
    }

    private static String replaceNode(int index, String rawValue) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(VALID);
        ((ArrayNode) root.get("nodes")).set(index, JSON.readTree(rawValue));
        return root.toString();
    }
}
