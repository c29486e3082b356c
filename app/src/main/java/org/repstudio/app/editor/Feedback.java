package org.repstudio.app.editor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.TensorShape;

/**
 * What the editor shows about the current graph, recomputed after every edit: the output shape of each
 * node (also the shape on every wire leaving it), parameters and FLOPs per node and in total, the
 * engine's located problems by node, and for each linear region whether it collapses exactly.
 *
 * @param shapes   output shape per node id (absent where it cannot be known)
 * @param params   learned scalars per node id
 * @param flops    floating-point operations per sample, per node id (see {@link Costs})
 * @param problems every problem; those with a node id are also in {@code byNode}
 * @param byNode   problems per node id
 * @param regions  the linear regions of two or more nodes, keyed by their exit node
 */
public record Feedback(Map<String, TensorShape> shapes, Map<String, Long> params, Map<String, Long> flops,
                       long totalParams, long totalFlops, List<Problem> problems,
                       Map<String, List<Problem>> byNode, Map<String, RegionStatus> regions) {

    /** Whether a linear region collapses into one conv exactly, and if not, why. */
    public record RegionStatus(String exit, List<String> nodes, boolean fusable, String reason) {
    }

    public static Feedback empty() {
        return new Feedback(Map.of(), Map.of(), Map.of(), 0, 0, List.of(), Map.of(), Map.of());
    }

    public Optional<TensorShape> shape(String nodeId) {
        return Optional.ofNullable(shapes.get(nodeId));
    }

    public List<Problem> problemsOf(String nodeId) {
        return byNode.getOrDefault(nodeId, List.of());
    }
}
