package org.repstudio.core.train;

/**
 * Callbacks from a training loop, on the loop's own thread (a UI hands them to its toolkit thread).
 * All methods default to doing nothing.
 */
public interface TrainingListener {

    /** Before the first step: what is about to run. */
    default void onStart(String label, int totalSteps, String device) {
    }

    /** After every step. */
    default void onBatch(BatchProgress progress) {
    }

    /** After every epoch, with its test accuracy. */
    default void onEpoch(EpochMetrics metrics) {
    }

    /** A notice for the user (device fallback, divergence...). */
    default void onNotice(String message) {
    }

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };
}
