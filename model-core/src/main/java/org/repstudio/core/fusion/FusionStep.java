package org.repstudio.core.fusion;

import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * One rewrite of the collapse: {@code nodesIn} (with their parameters before) became {@code nodeOut}
 * (with its weight [O, C/g, kH, kW] and bias [O] after). {@code maxAbsError} is measured in float64 by
 * running the nodes before and the node after on the same random input; {@code graphAfter} and
 * {@code weightsAfter} are the whole design after this step, so a viewer can step back exactly.
 */
public record FusionStep(int index, FusionRule rule, String region, List<String> nodesIn, String nodeOut,
                         Map<String, Map<String, Tensor>> tensorsBefore, Map<String, Tensor> tensorsAfter,
                         String formula, double maxAbsError, double maxRelError, Graph graphAfter,
                         Weights weightsAfter) {

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("%3d  %-26s %s -> %s   [%s]  err %.2e", index, rule.displayName(),
                String.join(" + ", nodesIn), nodeOut, formula, maxAbsError);
    }
}
