package org.repstudio.core.train;

/**
 * Everything one training session produced: the re-param run, what collapsing it did ({@code collapse},
 * null when the run diverged or made no step), and the plain A/B run ({@code plain}, null without
 * {@code --baseline} or for whole networks). {@code engine} names the DJL engine and its version.
 */
public record TrainReport(String design, String dataset, int trainImages, int testImages, TrainingRun run,
                          Collapse collapse, TrainingRun plain, Double latencyPlainMs, String engine) {

    /** Test accuracy of the plain baseline, NaN without one. */
    public double accuracyPlain() {
        return plain == null ? Double.NaN : plain.lastTestAccuracy();
    }
}
