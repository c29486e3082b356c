package org.repstudio.core.fusion;

import java.util.List;
import java.util.Optional;
import org.repstudio.core.algebra.RefusalKind;

/**
 * A region left unfused because no exact fusion exists: why (a kind, and in words), the nodes to blame, and,
 * where one was measured, the largest output error the naive fusion would make on the border and in the
 * interior.
 *
 * @param region the region's exit node
 * @param nodes  every node of the region
 * @param blamed the nodes the refusal is about (a subset of {@code nodes}, or the join itself)
 * @param kind   why, as a value
 * @param reason why, in words, for people
 */
public record Refusal(String region, List<String> nodes, List<String> blamed, RefusalKind kind, String reason,
                      double maxBorderError, double maxInteriorError) {

    public Refusal {
        nodes = List.copyOf(nodes);
        blamed = List.copyOf(blamed);
    }

    public static Refusal unmeasured(String region, List<String> nodes, List<String> blamed, RefusalKind kind,
                                     String reason) {
        return new Refusal(region, nodes, blamed, kind, reason, Double.NaN, Double.NaN);
    }

    public boolean measured() {
        return !Double.isNaN(maxBorderError);
    }

    /** The change to the design that would make this fusion exact, if there is one. */
    public Optional<Remedy> remedy() {
        return Remedy.of(kind);
    }
}
