package org.repstudio.core.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A training session running on a worker thread: what a UI's Train button starts. The dataset is loaded on
 * the worker too (reading CIFAR-10 takes a moment); {@link #cancel()} may be called from any thread and the
 * result then completes with a {@link RunStatus#CANCELLED} run. A failure (a malformed dataset, an invalid
 * design) completes the result exceptionally.
 */
public final class TrainingJob {

    /** The blocking session the job runs, e.g. {@code DesignTraining.run} with everything but data and token. */
    @FunctionalInterface
    public interface Session {
        TrainReport run(ImageData data, CancelToken token);
    }

    private final CancelToken token = new CancelToken();
    private final CompletableFuture<TrainReport> result;

    private TrainingJob(Executor executor, Supplier<ImageData> data, Session session) {
        this.result = CompletableFuture.supplyAsync(() -> session.run(data.get(), token), executor);
    }

    /** Starts {@code session} on {@code executor} with the data {@code data} loads there. */
    public static TrainingJob start(Executor executor, Supplier<ImageData> data, Session session) {
        return new TrainingJob(executor, data, session);
    }

    /** Asks the run to stop after its current step. */
    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }

    public CompletableFuture<TrainReport> result() {
        return result;
    }
}
