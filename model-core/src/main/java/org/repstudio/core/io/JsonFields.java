package org.repstudio.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.repstudio.core.algebra.Padding;

/**
 * Typed access to the fields of one JSON object, turning every surprise into a
 * {@link DesignFormatException} that names the file and the place ({@code nodes[3] (id "c1").kernel}).
 * It remembers which fields were read so that {@link #rejectUnknown} can catch typos like "kernal",
 * which would otherwise silently fall back to a default.
 */
final class JsonFields {

    private static final int MAX_SHOWN = 60;

    private final String source;
    private final String place;
    private final JsonNode object;
    private final Set<String> used = new HashSet<>();

    /** {@code place} is empty for the top-level object. */
    JsonFields(String source, String place, JsonNode object) {
        this.source = source;
        this.place = place;
        this.object = object;
    }

    /** An error located at {@code field} of this object ({@code null} for the object itself). */
    DesignFormatException error(String field, String message) {
        return new DesignFormatException(source + ": " + where(field) + ": " + message);
    }

    String where(String field) {
        if (field == null) {
            return place.isEmpty() ? "top level" : place;
        }
        return place.isEmpty() ? field : place + "." + field;
    }

    /** Present and not JSON null (null counts as absent, as many writers emit it for "none"). */
    boolean has(String name) {
        used.add(name);
        JsonNode v = object.get(name);
        return v != null && !v.isNull();
    }

    JsonNode require(String name) throws DesignFormatException {
        if (!has(name)) {
            throw error(name, "missing required field");
        }
        return object.get(name);
    }

    String requireString(String name) throws DesignFormatException {
        return asString(name, require(name));
    }

    Optional<String> optString(String name) throws DesignFormatException {
        return has(name) ? Optional.of(asString(name, object.get(name))) : Optional.empty();
    }

    int requireInt(String name) throws DesignFormatException {
        return asInt(name, require(name), "an integer");
    }

    int optInt(String name, int fallback) throws DesignFormatException {
        return has(name) ? asInt(name, object.get(name), "an integer") : fallback;
    }

    boolean optBool(String name, boolean fallback) throws DesignFormatException {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = object.get(name);
        if (!v.isBoolean()) {
            throw error(name, "expected true or false, got " + show(v));
        }
        return v.booleanValue();
    }

    double requireDouble(String name) throws DesignFormatException {
        return asDouble(name, require(name));
    }

    double optDouble(String name, double fallback) throws DesignFormatException {
        return has(name) ? asDouble(name, object.get(name)) : fallback;
    }

    /** A height/width pair written as {@code [h, w]} or as one integer meaning both. */
    int[] requirePair(String name) throws DesignFormatException {
        return asPair(name, require(name));
    }

    int[] optPair(String name, int fallback) throws DesignFormatException {
        return has(name) ? asPair(name, object.get(name)) : new int[] {fallback, fallback};
    }

    /** Padding as {@code [top, bottom, left, right]}, {@code [h, w]} or one integer. */
    Padding requirePadding(String name) throws DesignFormatException {
        return asPadding(name, require(name));
    }

    Padding optPadding(String name) throws DesignFormatException {
        return has(name) ? asPadding(name, object.get(name)) : Padding.NONE;
    }

    /** Fails on the first field that no reader asked for; {@code what} says whose fields these are. */
    void rejectUnknown(String what) throws DesignFormatException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!used.contains(n)) {
                throw error(null, "unknown field \"" + n + "\" for " + what);
            }
        }
    }

    private String asString(String name, JsonNode v) throws DesignFormatException {
        if (!v.isTextual()) {
            throw error(name, "expected a string, got " + show(v));
        }
        return v.textValue();
    }

    private int asInt(String name, JsonNode v, String expected) throws DesignFormatException {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(name, "expected " + expected + ", got " + show(v));
        }
        return v.intValue();
    }

    private double asDouble(String name, JsonNode v) throws DesignFormatException {
        if (!v.isNumber()) {
            throw error(name, "expected a number, got " + show(v));
        }
        if (!Double.isFinite(v.doubleValue())) {
            throw error(name, "number is too large");
        }
        return v.doubleValue();
    }

    private int[] asPair(String name, JsonNode v) throws DesignFormatException {
        int[] values = intArray(v);
        if (values != null && values.length == 1) {
            return new int[] {values[0], values[0]};
        }
        if (values == null || values.length != 2) {
            throw error(name, "expected [h, w] integers or one integer, got " + show(v));
        }
        return values;
    }

    private Padding asPadding(String name, JsonNode v) throws DesignFormatException {
        int[] p = intArray(v);
        if (p != null && p.length == 1) {
            return Padding.of(p[0]);
        }
        if (p != null && p.length == 2) {
            return Padding.of(p[0], p[1]);
        }
        if (p != null && p.length == 4) {
            return new Padding(p[0], p[1], p[2], p[3]);
        }
        throw error(name, "expected [top, bottom, left, right], [h, w] or one integer, got " + show(v));
    }

    /** An array of integers (or one integer). */
    int[] requireInts(String name) throws DesignFormatException {
        JsonNode v = require(name);
        int[] values = intArray(v);
        if (values == null) {
            throw error(name, "expected an array of integers, got " + show(v));
        }
        return values;
    }

    /** One integer as a 1-element array, an array of integers as is, anything else null. */
    private static int[] intArray(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return new int[] {v.intValue()};
        }
        if (!v.isArray()) {
            return null;
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                return null;
            }
            out[i] = e.intValue();
        }
        return out;
    }

    /** The offending value as JSON text, shortened so a huge array does not flood the message. */
    static String show(JsonNode v) {
        String s = v.toString();
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }
}
