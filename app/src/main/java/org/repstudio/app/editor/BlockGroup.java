package org.repstudio.app.editor;

import java.util.List;
import java.util.Objects;

/**
 * A sub-block placed in the design: a name and the nodes it holds. While {@code collapsed} the canvas
 * draws it as one box at {@code pos}; the graph itself stays flat, so the engine sees every node.
 */
public record BlockGroup(String id, String name, List<String> members, Pos pos, boolean collapsed) {
    public BlockGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(pos, "pos");
    }

    public BlockGroup withMembers(List<String> m) {
        return new BlockGroup(id, name, m, pos, collapsed);
    }

    public BlockGroup withPos(Pos p) {
        return new BlockGroup(id, name, members, p, collapsed);
    }
}
