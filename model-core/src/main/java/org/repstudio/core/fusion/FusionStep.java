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
 * {@code detail} says what this step did in particular (which nodes, which kernel sizes); the rule's general
 * formula is {@code rule().formula()}.
 */
public record FusionStep(int index, FusionRule rule, String region, List<String> nodesIn, String nodeOut,
                         Map<String, Map<String, Tensor>> tensorsBefore, Map<String, Tensor> tensorsAfter,
                         String detail, double maxAbsError, double maxRelError, Graph graphAfter,
                         Weights weightsAfter) {

    /** The rule's formula with this step's detail, as the CLI and the trace JSON print it. */
    public String formula() {
        return rule.formula() + "  [" + detail + "]";
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("%3d  %-26s %s -> %s   [%s]  err %.2e", index, rule.displayName(),
                String.join(" + ", nodesIn), nodeOut, formula(), maxAbsError);
    }

    /**
     * Appends the next step to {@code steps}: the parameters of {@code nodesIn} are taken from
     * {@code before}, the formula is the rule's with {@code detail}, {@code err} is {max abs, max rel}.
     */
    static void append(List<FusionStep> steps, FusionRule rule, String region, List<String> nodesIn, Weights before,
                       String nodeOut, Map<String, Tensor> after, String detail, double[] err, Graph graphAfter,
                       Weights weightsAfter) {
        Map<String, Map<String, Tensor>> tensorsBefore = new java.util.LinkedHashMap<>();
        for (String id : nodesIn) {
            tensorsBefore.put(id, before.of(id));
        }
        steps.add(new FusionStep(steps.size() + 1, rule, region, List.copyOf(nodesIn), nodeOut, tensorsBefore, after,
                detail, err[0], err[1], graphAfter, weightsAfter));
    }
}
