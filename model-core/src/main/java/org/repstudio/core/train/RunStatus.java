package org.repstudio.core.train;

/** How a training run ended. */
public enum RunStatus {
    /** Every epoch ran. */
    COMPLETED,
    /** Stopped by its {@link CancelToken}; the weights are those after the last finished step. */
    CANCELLED,
    /**
     * Stopped because the loss became NaN or blew up. The bad update is not applied, but that batch's
     * forward pass has already moved the BN running statistics, so the model is not used further.
     */
    DIVERGED
}
