package org.repstudio.app.editor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.repstudio.core.graph.Graph;

/**
 * One snapshot of what the user edits: the graph, where each node sits, the sub-blocks placed in the
 * design and the named blocks that can be placed again. Immutable, so undo is a stack of these.
 */
public record EditorState(Graph graph, Map<String, Pos> positions, Map<String, BlockGroup> groups,
                          Map<String, Fragment> blocks) {

    public EditorState {
        Objects.requireNonNull(graph, "graph");
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
    }

    public static EditorState empty() {
        return new EditorState(Graph.empty(), Map.of(), Map.of(), Map.of());
    }

    public EditorState withGraph(Graph g) {
        return new EditorState(g, positions, groups, blocks);
    }

    public EditorState withPositions(Map<String, Pos> p) {
        return new EditorState(graph, p, groups, blocks);
    }

    public EditorState withGroups(Map<String, BlockGroup> g) {
        return new EditorState(graph, positions, g, blocks);
    }

    public EditorState withBlocks(Map<String, Fragment> b) {
        return new EditorState(graph, positions, groups, b);
    }

    /** The position of {@code id}, or the origin if it has none. */
    public Pos pos(String id) {
        return positions.getOrDefault(id, new Pos(0, 0));
    }

    /** The collapsed group that hides {@code nodeId}, if any. */
    public BlockGroup collapsedGroupOf(String nodeId) {
        for (BlockGroup g : groups.values()) {
            if (g.collapsed() && g.members().contains(nodeId)) {
                return g;
            }
        }
        return null;
    }
}
