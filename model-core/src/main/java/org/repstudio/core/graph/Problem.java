package org.repstudio.core.graph;

/**
 * A located validation problem: which node, which field (e.g. "kernel", "inputs[1]"), and what is wrong.
 * {@code nodeId} is null for problems of the whole graph.
 */
public record Problem(String nodeId, String field, String message) {
    @Override
    public String toString() {
        String where = nodeId == null ? "graph" : "node '" + nodeId + "'";
        return where + (field == null || field.isEmpty() ? "" : " (" + field + ")") + ": " + message;
    }
}
