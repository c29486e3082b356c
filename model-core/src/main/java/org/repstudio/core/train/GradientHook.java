package org.repstudio.core.train;

import org.repstudio.core.engine.GraphBlock;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * A training rule beyond the optimizer's: the starting weights, and a change to the gradients after
 * each backward pass and before the update (ResRep's masked gradient and group lasso).
 */
public interface GradientHook {

    GradientHook NONE = new GradientHook() {
    };

    /** Starting weights, given the ones drawn from the seed. */
    default Weights initialWeights(Graph graph, Weights drawn) {
        return drawn;
    }

    /** Called with the gradients of step {@code step} (0-based) in place, before the optimizer uses them. */
    default void beforeUpdate(GraphBlock block, int step, int totalSteps) {
    }
}
