package org.repstudio.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.repstudio.core.graph.Graph;

/**
 * Everything a saved design holds: the block graph, where each node sits on the canvas, and the
 * descriptive fields shown in the sample list. Parameters live in a separate binary sidecar named by
 * {@code weights} (relative to the design file) so the JSON stays small and readable.
 *
 * @param name        short title shown in lists and window titles
 * @param description one line saying what the design is
 * @param method      the re-parameterization method it illustrates, e.g. "RepVGG"; may be empty
 * @param graph       the block graph (may be invalid: an unfinished design must still save and load)
 * @param positions   editor position per node id; nodes without one are laid out by the editor
 * @param weights     file name of the weights sidecar, relative to the design file
 * @param expect      what a sample declares about fusing it: exactly, or refused with a reason
 * @param groups      the editor's sub-blocks (named groups of nodes), empty for most designs
 * @param onlineTraining OREPA: train every branch sum as one conv squeezed from its branch parameters
 *                    (design-file field {@code "training": "online"}); false trains every branch (offline)
 */
public record DesignFile(String name, String description, String method, Graph graph,
                         Map<String, Position> positions, Optional<String> weights, Optional<Expect> expect,
                         List<DesignGroup> groups, boolean onlineTraining) {

    /** Whether a design is expected to collapse into plain convolutions exactly. */
    public enum Expect {
        /** Every linear region fuses within tolerance. */
        EXACT("exact"),
        /** The planner must refuse (and explain) at least one fusion. */
        REFUSED("refused");

        private final String jsonName;

        Expect(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The spelling used in the design file. */
        public String jsonName() {
            return jsonName;
        }

        /** The value spelled {@code text} in a design file, if any. */
        public static Optional<Expect> fromJson(String text) {
            for (Expect e : values()) {
                if (e.jsonName.equals(text)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    public DesignFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(expect, "expect");
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(positions, "positions")));
        groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    }

    /** A design trained offline (every branch runs). */
    public DesignFile(String name, String description, String method, Graph graph, Map<String, Position> positions,
                      Optional<String> weights, Optional<Expect> expect, List<DesignGroup> groups) {
        this(name, description, method, graph, positions, weights, expect, groups, false);
    }

    /** A design without sub-block groups. */
    public DesignFile(String name, String description, String method, Graph graph, Map<String, Position> positions,
                      Optional<String> weights, Optional<Expect> expect) {
        this(name, description, method, graph, positions, weights, expect, List.of());
    }

    /** A design with no positions, no weights and no expectation. */
    public static DesignFile of(String name, String description, String method, Graph graph) {
        return new DesignFile(name, description, method, graph, Map.of(), Optional.empty(), Optional.empty());
    }

    public DesignFile withGraph(Graph g) {
        return new DesignFile(name, description, method, g, positions, weights, expect, groups, onlineTraining);
    }

    public DesignFile withPositions(Map<String, Position> p) {
        return new DesignFile(name, description, method, graph, p, weights, expect, groups, onlineTraining);
    }

    public DesignFile withWeights(String sidecarFileName) {
        return new DesignFile(name, description, method, graph, positions, Optional.of(sidecarFileName), expect,
                groups, onlineTraining);
    }

    public DesignFile withExpect(Expect e) {
        return new DesignFile(name, description, method, graph, positions, weights, Optional.of(e), groups, onlineTraining);
    }

    public DesignFile withGroups(List<DesignGroup> g) {
        return new DesignFile(name, description, method, graph, positions, weights, expect, g, onlineTraining);
    }

    /** The same design, set to train online (OREPA) or offline. */
    public DesignFile withOnlineTraining(boolean online) {
        return new DesignFile(name, description, method, graph, positions, weights, expect, groups, online);
    }
}
