package org.repstudio.core.ab;

import java.util.List;
import org.repstudio.core.train.RunStatus;

/**
 * One arm trained with one seed: its final test accuracy, the test accuracy after each epoch (the curve
 * that shows whether it had flattened), the mean seconds one training epoch took, how the run ended, and
 * its INT8 fused test accuracy in ONNX Runtime (NaN when not measured).
 */
public record SeedResult(long seed, RunStatus status, double testAccuracy, List<Double> epochAccuracies,
                         double secondsPerEpoch, double int8Accuracy) {

    /** A gain this large over the last epoch means the run was still climbing. */
    public static final double CONVERGED_LAST_GAIN = 0.01;

    public SeedResult {
        epochAccuracies = List.copyOf(epochAccuracies);
    }

    /** False when the last epoch still gained more than one point of test accuracy (or only one epoch ran). */
    public boolean converged() {
        int n = epochAccuracies.size();
        return n >= 2 && epochAccuracies.get(n - 1) - epochAccuracies.get(n - 2) <= CONVERGED_LAST_GAIN;
    }
}
