package org.repstudio.core.fusion;

import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The full record of a collapse: the regions found, the ordered steps, the refusals, and the fused
 * design. {@link #exact()} is true when nothing was refused.
 */
public record FusionTrace(Graph original, Weights originalWeights, List<Region> regions, List<FusionStep> steps,
                          List<Refusal> refusals, Graph fused, Weights fusedWeights, double millis) {

    public boolean exact() {
        return refusals.isEmpty();
    }

    /** Largest step error measured (0 when steps were not measured). */
    public double maxStepError() {
        double m = 0;
        for (FusionStep s : steps) {
            if (!Double.isNaN(s.maxAbsError())) {
                m = Math.max(m, s.maxAbsError());
            }
        }
        return m;
    }
}
