package org.repstudio.app.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.repstudio.core.design.DesignExport;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.WeightsSource;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.OnnxForm;
import org.repstudio.core.train.RunFolders;

/**
 * The export window's state, without the toolkit: the form (fused or unfused), the target file, whether the
 * design's found weights (a trained run, the sidecar) are used or random ones, the run's stage and progress,
 * and the report or the error. The export runs on this model's worker; results come back through {@code ui}.
 */
public final class ExportViewModel implements AutoCloseable {

    /** Where an export stands. */
    public enum Status { IDLE, RUNNING, DONE, FAILED }

    private final LoadedDesign design;
    private final Executor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "export-worker");
        t.setDaemon(true);
        return t;
    });

    private final ObjectProperty<OnnxForm> form = new SimpleObjectProperty<>(OnnxForm.FUSED);
    private final StringProperty output = new SimpleStringProperty("");
    private final BooleanProperty useFoundWeights = new SimpleBooleanProperty(true);
    private final BooleanProperty allowPartial = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private CompletableFuture<Status> finished = CompletableFuture.completedFuture(Status.IDLE);

    /**
     * @param design the design as loaded, with the weights every entry point finds for it
     * @param ui     runs a task on the UI thread ({@code Platform::runLater}); a direct executor in tests
     */
    public ExportViewModel(LoadedDesign design, Executor ui) {
        this.design = Objects.requireNonNull(design);
        this.ui = Objects.requireNonNull(ui);
        form.addListener((o, a, b) -> {
            String out = output.get();
            if (design.file() != null && out.equals(defaultName(a))) {
                output.set(defaultName(b)); // follow the form while the user kept the suggested name
            }
        });
        output.set(defaultName(OnnxForm.FUSED));
    }

    private String defaultName(OnnxForm f) {
        if (design.file() == null) {
            return output.get();
        }
        return design.file().resolveSibling(RunFolders.stem(design.file())
                + (f == OnnxForm.FUSED ? "-fused" : "-unfused")
                + ".onnx").toString();
    }

    /** The design exported: its found weights, or random ones from the default seed when unticked. */
    LoadedDesign exported() {
        if (useFoundWeights.get() || design.source().random()) {
            return design;
        }
        long seed = LoadedDesign.DEFAULT_SEED;
        return design.withWeights(RandomWeights.generate(design.graph(), seed),
                new WeightsSource.Random(seed, false, "chosen in the export window"));
    }

    /** What the weights checkbox says: where the design's weights come from. */
    public String foundWeights() {
        return design.source().describe();
    }

    /** Whether there are stored weights to choose (a trained run, a sidecar) over random ones. */
    public boolean hasStoredWeights() {
        return !design.source().random();
    }

    /** Exports on the worker; completes with the final status once it has been reported on {@code ui}. */
    public CompletableFuture<Status> export() {
        if (status.get() == Status.RUNNING) {
            return finished;
        }
        String out = output.get() == null ? "" : output.get().trim();
        if (out.isEmpty()) {
            fail("Choose the file to write");
            return CompletableFuture.completedFuture(Status.FAILED);
        }
        Path target = Path.of(out);
        LoadedDesign d = exported();
        OnnxForm f = form.get();
        boolean partial = allowPartial.get();
        ExportOptions options = ExportOptions.defaults();
        status.set(Status.RUNNING);
        progress.set(0);
        report.set("");
        message.set("Exporting " + f.label() + " ONNX with weights: " + d.source().describe() + "…");
        CompletableFuture<Status> done = new CompletableFuture<>();
        finished = done;
        worker.execute(() -> {
            DesignExport.Outcome outcome;
            try {
                outcome = DesignExport.run(d, f, target, options, partial, stage -> ui.execute(() -> stage(stage)));
            } catch (IOException | RuntimeException e) {
                String why = "Cannot export to " + target + ": " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage());
                ui.execute(() -> {
                    fail(why);
                    done.complete(status.get());
                });
                return;
            }
            ui.execute(() -> {
                show(outcome, d, options);
                done.complete(status.get());
            });
        });
        return done;
    }

    private void stage(DesignExport.Stage s) {
        switch (s) {
            case CHECKING -> {
                progress.set(-1);
                message.set("Building the model and checking it in ONNX Runtime against DJL…");
            }
            case WRITING -> {
                progress.set(0.9);
                message.set("Writing the checked model…");
            }
            default -> throw new IllegalStateException(s.name());
        }
    }

    private void show(DesignExport.Outcome outcome, LoadedDesign d, ExportOptions options) {
        if (outcome instanceof DesignExport.Written w) {
            status.set(Status.DONE);
            progress.set(1);
            message.set("Exported " + w.report().path().map(Path::getFileName).map(Path::toString).orElse("")
                    + " (weights: " + d.source().describe() + ")");
            report.set(String.join("\n", DesignExport.describe(w.report(), options)));
        } else if (outcome instanceof DesignExport.Refused r) {
            fail(r.refusals().size() + " region(s) cannot be fused; nothing written (tick \"Write unfused regions"
                    + " as they are\" to export anyway)");
            report.set(String.join("\n", r.refusals()));
        } else if (outcome instanceof DesignExport.Mismatch m) {
            fail("The check failed: " + m.message());
        }
    }

    private void fail(String why) {
        status.set(Status.FAILED);
        progress.set(0);
        message.set(why);
    }

    /** Completes with the status once the current export (if any) has been reported. */
    public CompletableFuture<Status> whenIdle() {
        return finished;
    }

    @Override
    public void close() {
        worker.shutdown();
    }

    public LoadedDesign design() {
        return design;
    }

    public ObjectProperty<OnnxForm> formProperty() {
        return form;
    }

    public StringProperty outputProperty() {
        return output;
    }

    /** Ticked: the design's found weights (trained run, sidecar); unticked: random from the default seed. */
    public BooleanProperty useFoundWeightsProperty() {
        return useFoundWeights;
    }

    /** Write a fused model even when some regions stay unfused. */
    public BooleanProperty allowPartialProperty() {
        return allowPartial;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** 0..1; -1 while ONNX Runtime and DJL run (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, how the export ended, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The export report (as {@code ./repstudio export} prints it), or the refused regions. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }
}
