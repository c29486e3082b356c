package org.repstudio.core.graph;

import java.util.Objects;

/** A node of the block graph: a stable id and the operation it performs. */
public record Node(String id, Op op) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
        if (id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
    }
}
