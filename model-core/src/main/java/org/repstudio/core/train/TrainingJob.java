package org.repstudio.core.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.graph.Graph;

/**
 * A {@link TrainingSession} running on a worker thread: what a UI's Train button starts. The dataset is
 * loaded on the worker too (reading CIFAR-10 takes a moment); {@link #cancel()} may be called from any
 * thread and the result then completes with a {@link RunStatus#CANCELLED} run. A failure (a malformed
 * dataset, an invalid design) completes the result exceptionally.
 */
public final class TrainingJob {

    private final CancelToken token = new CancelToken();
    private final CompletableFuture<TrainReport> result;

    private TrainingJob(Executor executor, String label, Graph design, Supplier<ImageData> data, TrainConfig cfg,
                        boolean baseline, TrainingListener listener, FusionOptions fusion) {
        this.result = CompletableFuture.supplyAsync(
                () -> TrainingSession.run(label, design, data.get(), cfg, baseline, listener, token, fusion), executor);
    }

    /** Starts the session on {@code executor}; listener callbacks arrive on that executor's thread. */
    public static TrainingJob start(Executor executor, String label, Graph design, Supplier<ImageData> data,
                                    TrainConfig cfg, boolean baseline, TrainingListener listener) {
        return new TrainingJob(executor, label, design, data, cfg, baseline, listener, TrainingSession.PLAIN_FUSION);
    }

    /**
     * As above, collapsing with {@code fusion}: pass {@code FusionOptions.forMethod(design method, false)} so
     * RMNet's residuals are removed and ResRep's empty rows pruned after training.
     */
    public static TrainingJob start(Executor executor, String label, Graph design, Supplier<ImageData> data,
                                    TrainConfig cfg, boolean baseline, TrainingListener listener,
                                    FusionOptions fusion) {
        return new TrainingJob(executor, label, design, data, cfg, baseline, listener, fusion);
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
