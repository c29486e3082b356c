package org.repstudio.core.train;

/**
 * Everything one training session produced: the re-param run, what collapsing it did ({@code collapse},
 * null when the run diverged or made no step), the plain A/B run ({@code plain}, null without
 * {@code --baseline} or for whole networks) and the INT8 evaluation in ONNX Runtime ({@code int8}, null when it
 * was not asked for or there was no collapse). {@code engine} names the DJL engine and its version.
 */
public record TrainReport(String design, String dataset, int trainImages, int testImages, TrainingRun run,
                          Collapse collapse, TrainingRun plain, Double latencyPlainMs, String engine,
                          Int8Evaluation int8) {

    /** A report without INT8 evaluation (the session itself; the design layer adds it). */
    public TrainReport(String design, String dataset, int trainImages, int testImages, TrainingRun run,
                       Collapse collapse, TrainingRun plain, Double latencyPlainMs, String engine) {
        this(design, dataset, trainImages, testImages, run, collapse, plain, latencyPlainMs, engine, null);
    }

    public TrainReport withInt8(Int8Evaluation e) {
        return new TrainReport(design, dataset, trainImages, testImages, run, collapse, plain, latencyPlainMs, engine,
                e);
    }

    /** Test accuracy of the plain baseline, NaN without one. */
    public double accuracyPlain() {
        return plain == null ? Double.NaN : plain.lastTestAccuracy();
    }
}
