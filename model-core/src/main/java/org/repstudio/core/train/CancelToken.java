package org.repstudio.core.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running training loop to stop. Safe to call from any thread (a UI's Cancel button); the loop
 * checks it between batches, so the model it returns has finished its last update.
 */
public final class CancelToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
