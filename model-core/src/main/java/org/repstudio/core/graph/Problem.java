package org.repstudio.core.graph;

/**
 * A located problem with a design: the node (null for the whole graph), the field ("inputs", "kernel"...),
 * what is wrong in words, and what kind of problem it is, for callers that act on it.
 */
public record Problem(String nodeId, String field, String message, Kind kind) {

    /** What kind of problem, as a value (the message says it in words). */
    public enum Kind {
        /** An input port has no wire yet (an unfinished design). */
        UNCONNECTED,
        /** A sum or concatenation has fewer than two inputs. */
        TOO_FEW_INPUTS,
        /** An op that needs a [C, H, W] map reads a flat tensor. */
        NOT_SPATIAL,
        /** Anything else: shapes that do not fit, bad fields, missing nodes. */
        OTHER
    }

    /** A problem of no particular kind. */
    public Problem(String nodeId, String field, String message) {
        this(nodeId, field, message, Kind.OTHER);
    }

    @Override
    public String toString() {
        String where = nodeId == null ? "graph" : "node '" + nodeId + "'";
        return where + (field == null || field.isEmpty() ? "" : " (" + field + ")") + ": " + message;
    }
}
