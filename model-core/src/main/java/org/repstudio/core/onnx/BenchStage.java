package org.repstudio.core.onnx;

import java.util.Locale;

/** Where a {@link LatencyBench} run is. */
public enum BenchStage {
    /** Building the three models and checking each in ONNX Runtime against DJL. */
    EXPORTING,
    /** Untimed rounds. */
    WARMING_UP,
    /** Timed rounds. */
    MEASURING,
    /** Finished. */
    DONE;

    /** Lower-case words, as the CLI prints them ("warming up"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
