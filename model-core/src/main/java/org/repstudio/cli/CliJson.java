package org.repstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON the commands print or write. Jackson writes a non-finite double as the string "NaN" or
 * "Infinity", which turns a number field into a string for the scripts that read it; here such a
 * value becomes null instead, so every number field stays a number or null.
 */
final class CliJson {

    private CliJson() {
    }

    /** Pretty-printed text of {@code node} with every NaN or infinite number replaced by null. */
    static String text(JsonNode node) {
        JsonNode copy = node.deepCopy();
        finiteOrNull(copy);
        return copy.toPrettyString();
    }

    private static void finiteOrNull(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> bad = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (nonFinite(e.getValue())) {
                    bad.add(e.getKey());
                } else {
                    finiteOrNull(e.getValue());
                }
            }
            bad.forEach(k -> o.set(k, NullNode.getInstance()));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (nonFinite(a.get(i))) {
                    a.set(i, NullNode.getInstance());
                } else {
                    finiteOrNull(a.get(i));
                }
            }
        }
    }

    private static boolean nonFinite(JsonNode n) {
        return n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue());
    }
}
