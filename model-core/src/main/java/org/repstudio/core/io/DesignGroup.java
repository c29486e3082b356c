package org.repstudio.core.io;

import java.util.List;
import java.util.Objects;

/**
 * A named sub-block of the editor: nodes grouped into one box that can be placed again and expanded.
 * Saved so grouping survives a reopen; the graph itself stays flat.
 *
 * @param id        the group's own id (not a node id)
 * @param name      the block's name shown on the box and in the palette
 * @param members   ids of the nodes inside
 * @param at        where the collapsed box sits on the canvas
 * @param collapsed whether the box is shown collapsed
 */
public record DesignGroup(String id, String name, List<String> members, Position at, boolean collapsed) {
    public DesignGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        members = List.copyOf(members);
    }
}
