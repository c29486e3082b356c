package org.repstudio.app.charts;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.repstudio.core.design.Method;
import org.repstudio.core.onnx.BenchOptions;
import org.repstudio.core.onnx.BenchResult;
import org.repstudio.core.onnx.BenchStage;
import org.repstudio.core.onnx.ExportCheckException;
import org.repstudio.core.onnx.LatencyBench;

/**
 * Measures a design's latency with {@link LatencyBench} (unfused, fused and plain conv, on DJL and ONNX
 * Runtime) on a background thread when asked, and holds progress, phase, error and the figures. Every
 * property changes on the {@code ui} executor (the FX thread in the app, the calling thread in tests).
 */
public final class LatencyChartViewModel {

    private final ChartsDesign design;
    private final Executor ui;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty phase = new SimpleStringProperty(this, "phase", "Not measured yet");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<LatencyFigures> figures = new SimpleObjectProperty<>(this, "figures");
    private final ObjectProperty<BenchResult> result = new SimpleObjectProperty<>(this, "result");
    private final ObjectProperty<LatencyFigures.Statistic> statistic = new SimpleObjectProperty<>(this, "statistic",
            LatencyFigures.Statistic.MEDIAN);
    private final IntegerProperty reps = new SimpleIntegerProperty(this, "reps", 30);
    private final IntegerProperty warmup = new SimpleIntegerProperty(this, "warmup", 3);
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads",
            BenchOptions.defaults().threads());
    private volatile boolean cancelRequested;
    private volatile Thread worker;

    /**
     * @param design the design to time
     * @param ui     runs property updates; {@code Platform::runLater} in the app
     */
    public LatencyChartViewModel(ChartsDesign design, Executor ui) {
        this.design = Objects.requireNonNull(design);
        this.ui = Objects.requireNonNull(ui);
        result.addListener((o, a, b) -> updateFigures());
        statistic.addListener((o, a, b) -> updateFigures());
    }

    private void updateFigures() {
        BenchResult r = result.get();
        figures.set(r == null ? null : LatencyFigures.of(r, statistic.get()));
    }

    public ChartsDesign design() {
        return design;
    }

    /** Timed rounds; each figure is the median over them. */
    public IntegerProperty repsProperty() {
        return reps;
    }

    /** Untimed rounds first. */
    public IntegerProperty warmupProperty() {
        return warmup;
    }

    /** Intra-op threads of both engines. */
    public IntegerProperty threadsProperty() {
        return threads;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Share of the measurement done, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** What is happening, for the user: "Exporting to ONNX…", "Measuring… 40%", "Done in 3.2 s". */
    public ReadOnlyStringProperty phaseProperty() {
        return phase;
    }

    /** Why the last measurement failed; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** The figures of the last measurement that finished; null before. */
    public ReadOnlyObjectProperty<LatencyFigures> figuresProperty() {
        return figures;
    }

    public LatencyFigures figures() {
        return figures.get();
    }

    /** The whole result of the last measurement that finished (medians, fastest rounds, noise); null before. */
    public ReadOnlyObjectProperty<BenchResult> resultProperty() {
        return result;
    }

    /** Whether the bars show the median or the fastest round (median by default). */
    public ObjectProperty<LatencyFigures.Statistic> statisticProperty() {
        return statistic;
    }

    /** The options the next measurement runs with (batch 1, seed 42, ONNX Runtime's spinning on). */
    public BenchOptions options() {
        return BenchOptions.defaults().withReps(reps.get()).withWarmup(warmup.get()).withThreads(threads.get());
    }

    /**
     * Starts a measurement on a background thread unless one is running. The future completes (on the worker)
     * after the properties were handed to {@code ui}: with the figures (in the statistic chosen when the run
     * ended), or exceptionally with the failure
     * ({@link CancellationException} when cancelled).
     */
    public CompletableFuture<LatencyFigures> measure() {
        if (worker != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("a measurement is already running"));
        }
        BenchOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        cancelRequested = false;
        running.set(true);
        progress.set(0);
        error.set("");
        phase.set("Starting…");
        CompletableFuture<LatencyFigures> done = new CompletableFuture<>();
        Thread t = new Thread(() -> run(options, done), "latency-bench");
        t.setDaemon(true);
        worker = t;
        t.start();
        return done;
    }

    /** Stops the running measurement at its next step; the last figures stay. */
    public void cancel() {
        Thread t = worker;
        if (t != null) {
            // posted before the worker can see the flag, so its "Cancelled" always comes after
            ui.execute(() -> {
                if (running.get()) {
                    phase.set("Cancelling…");
                }
            });
            cancelRequested = true;
            t.interrupt();
        }
    }

    private void run(BenchOptions options, CompletableFuture<LatencyFigures> done) {
        try {
            BenchResult r = LatencyBench.run(design.graph(), design.weights(), options,
                    new Method(design.method(), false).fusion(false), (stage, fraction) -> {
                        if (cancelRequested) {
                            throw new CancellationException("cancelled");
                        }
                        String text = phaseText(stage, fraction);
                        ui.execute(() -> {
                            progress.set(fraction);
                            phase.set(text);
                        });
                    });
            LatencyFigures f = LatencyFigures.of(r, statistic.get());
            String text = String.format(java.util.Locale.ROOT, "Done in %.1f s", r.seconds());
            finish(() -> {
                result.set(r);
                progress.set(1);
                phase.set(text);
            });
            done.complete(f);
        } catch (RuntimeException e) {
            boolean cancelled = cancelRequested;
            String why = cancelled ? "" : describe(e);
            finish(() -> {
                progress.set(0);
                phase.set(cancelled ? "Cancelled" : "Failed");
                error.set(why);
            });
            done.completeExceptionally(cancelled ? new CancellationException("cancelled") : e);
        }
    }

    private void finish(Runnable update) {
        worker = null;
        ui.execute(() -> {
            update.run();
            running.set(false);
        });
        Thread.interrupted();
    }

    static String phaseText(BenchStage stage, double fraction) {
        int percent = (int) Math.round(100 * fraction);
        return switch (stage) {
            case EXPORTING -> "Exporting to ONNX and checking against DJL… " + percent + "%";
            case WARMING_UP -> "Warming up… " + percent + "%";
            case MEASURING -> "Measuring… " + percent + "%";
            case DONE -> "Done";
        };
    }

    /** A failure as a sentence for the user. */
    static String describe(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ExportCheckException) {
            return "The exported ONNX model disagrees with DJL, so it was not timed: " + msg;
        }
        if (e instanceof IllegalArgumentException) {
            return "The design cannot be measured: " + msg;
        }
        return "The measurement failed: " + msg;
    }
}
