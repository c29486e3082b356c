package org.repstudio.app.train;

/** Where the training window's current run stands. */
public enum TrainingStatus {
    /** Nothing started yet. */
    IDLE,
    /** Loading the dataset or training. */
    RUNNING,
    /** Every epoch ran; fused and evaluated. */
    DONE,
    /** Cancelled; the model is the one after the last finished step (still fused and evaluated). */
    CANCELLED,
    /** The loss became NaN or blew up; the message says where. */
    DIVERGED,
    /** The run could not start or failed (a missing or malformed dataset file, a bad setting). */
    FAILED;

    public boolean finished() {
        return this != IDLE && this != RUNNING;
    }
}
