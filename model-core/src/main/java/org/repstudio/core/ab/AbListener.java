package org.repstudio.core.ab;

import org.repstudio.core.train.TrainingListener;

/** Follows an A/B study; {@link #training()} receives each run's batches and epochs. Defaults do nothing. */
public interface AbListener {

    AbListener NONE = new AbListener() {
    };

    /** Run {@code index} (1-based) of {@code total} starts: {@code arm} with {@code seed}. */
    default void onRun(int index, int total, String arm, long seed) {
    }

    /** That run ended. */
    default void onResult(String arm, SeedResult result) {
    }

    default TrainingListener training() {
        return TrainingListener.NONE;
    }
}
