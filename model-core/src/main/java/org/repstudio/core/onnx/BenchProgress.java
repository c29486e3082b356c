package org.repstudio.core.onnx;

/** Told how far a {@link LatencyBench} run is; called on the thread that runs the bench. */
@FunctionalInterface
public interface BenchProgress {

    /** Ignores every update. */
    BenchProgress NONE = (stage, fraction) -> { };

    /**
     * @param stage    what is happening
     * @param fraction share of the whole run done, 0 to 1
     */
    void update(BenchStage stage, double fraction);
}
