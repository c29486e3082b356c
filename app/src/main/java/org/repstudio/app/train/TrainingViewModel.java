package org.repstudio.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.repstudio.app.files.AppSettings;
import org.repstudio.core.ab.AbListener;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.AbStudy;
import org.repstudio.core.design.AbProvenance;
import org.repstudio.core.ab.Ablations;
import org.repstudio.core.ab.Arm;
import org.repstudio.core.ab.SeedResult;
import org.repstudio.core.design.DesignTraining;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.TrainedRuns;
import org.repstudio.core.engine.Devices;
import org.repstudio.core.train.BatchProgress;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.DataSpec;
import org.repstudio.core.train.DatasetPreview;
import org.repstudio.core.train.DjlDataset;
import org.repstudio.core.train.DjlDownloads;
import org.repstudio.core.train.EngineCatalog;
import org.repstudio.core.train.EpochMetrics;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.SaveOutcome;
import org.repstudio.core.train.RunStatus;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainReport;
import org.repstudio.core.train.TrainingJob;
import org.repstudio.core.train.TrainingListener;

/**
 * The training window's state, without the toolkit: the dataset and its preview, device and engine, the
 * hyper-parameters, the run in progress (status, progress, ETA), the live loss and accuracy series of every
 * run of this window (kept so they overlay), the results of each run and the plain-vs-re-param A/B.
 *
 * <p>Work (loading a dataset, training, fusing, saving) runs on this model's own worker thread. Everything
 * it reports comes back through {@code ui}, the executor the view passes in ({@code Platform::runLater});
 * the properties are only changed there. Tests pass a direct executor and wait on {@link #whenIdle()}.
 */
public final class TrainingViewModel implements AutoCloseable {

    /** Preview strip length. */
    public static final int PREVIEW_SIZE = 10;
    /** Seeds per arm of the window's A/B: enough for an interval, few enough for a quick look. */
    public static final int DEFAULT_AB_SEEDS = 3;

    private final LoadedDesign design;
    private final Executor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training-worker");
        t.setDaemon(true);
        return t;
    });
    /** Where the allow-downloads choice is kept; null: not kept (tests, a window without a state folder). */
    private final AppSettings settings;

    // dataset
    private final BooleanProperty allowDownloads = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper downloadNote = new ReadOnlyStringWrapper("");
    private final ObservableList<DatasetOption> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetOption.Source> dataset = new SimpleObjectProperty<>(DatasetOption.Source.BUILTIN);
    private final StringProperty folder = new SimpleStringProperty("");
    private final ObservableList<DatasetPreview.Sample> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper datasetInfo = new ReadOnlyStringWrapper("");
    /** Touched on the worker thread only. */
    private ImageData cached;
    private String cachedKey;

    // device and engine
    private final ObservableList<String> engines = FXCollections.observableArrayList();
    private final ObservableList<String> devices = FXCollections.observableArrayList("cpu");
    private final StringProperty engine = new SimpleStringProperty("");
    private final StringProperty device = new SimpleStringProperty("cpu");
    private final ReadOnlyStringWrapper deviceNotice = new ReadOnlyStringWrapper("");

    // hyper-parameters
    private final ObjectProperty<TrainConfig.OptimizerKind> optimizer = new SimpleObjectProperty<>();
    private final ObjectProperty<TrainConfig.Schedule> schedule = new SimpleObjectProperty<>();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final DoubleProperty momentum = new SimpleDoubleProperty();
    private final DoubleProperty weightDecay = new SimpleDoubleProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final LongProperty seed = new SimpleLongProperty();
    private final IntegerProperty copies = new SimpleIntegerProperty();
    private final ObjectProperty<HarnessSpec.Layout> harness = new SimpleObjectProperty<>();
    private final IntegerProperty stemStride = new SimpleIntegerProperty();
    private final IntegerProperty maxTrainImages = new SimpleIntegerProperty();
    private final IntegerProperty maxTestImages = new SimpleIntegerProperty();

    // the run
    private final ReadOnlyObjectWrapper<TrainingStatus> status = new ReadOnlyObjectWrapper<>(TrainingStatus.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ObservableList<RunSeries> runs = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper seriesRevision = new ReadOnlyIntegerWrapper();
    private final ObservableList<RunResult> results = FXCollections.observableArrayList();
    // the A/B study: seeds per arm and which ablation arms; its report (null before one ran)
    private final IntegerProperty abSeeds = new SimpleIntegerProperty(DEFAULT_AB_SEEDS);
    private final ObjectProperty<Ablations.Mode> ablations = new SimpleObjectProperty<>(Ablations.Mode.NONE);
    private final ReadOnlyObjectWrapper<AbReport> ab = new ReadOnlyObjectWrapper<>();
    /** Stops the run in progress (a training job or an A/B study); null when none ran yet. */
    private Runnable stop;
    private CompletableFuture<TrainingStatus> finished = CompletableFuture.completedFuture(TrainingStatus.IDLE);
    private int runCount;
    private RunSeries current;

    /**
     * @param design the block (or whole network) to train, its method (training mode, fusion rewrites) and its
     *               file: the run is saved into the file's run folder ({@link TrainedRuns}; file null: not saved)
     * @param ui     runs a task on the UI thread ({@code Platform::runLater}); a direct executor in tests
     */
    public TrainingViewModel(LoadedDesign design, Executor ui) {
        this(design, ui, null);
    }

    /**
     * As above, with the allow-downloads choice read from and saved to {@code settings} (null: not kept;
     * the choice then starts from the system property {@code repstudio.allowDownloads}, off by default).
     */
    public TrainingViewModel(LoadedDesign design, Executor ui, AppSettings settings) {
        this.settings = settings;
        this.design = Objects.requireNonNull(design);
        this.ui = Objects.requireNonNull(ui);
        resetHyperParameters();
        allowDownloads.set(settings != null ? settings.allowDownloads() : Boolean.getBoolean("repstudio.allowDownloads"));
        refreshDatasets();
        allowDownloads.addListener((o, a, b) -> {
            refreshDatasets();
            saveAllowDownloads(b);
        });
        optimizer.addListener((o, a, b) -> {
            // the default rate of one optimizer is far off for the other; keep a rate the user typed
            if (a != null && b != null && learningRate.get() == defaultRate(a)) {
                learningRate.set(defaultRate(b));
            }
        });
        device.addListener((o, a, b) -> checkDevice());
        dataset.addListener((o, a, b) -> datasetInfo.set(""));
    }

    /** Puts every hyper-parameter back to its default (SGD momentum 0.9, lr 0.05, cosine, batch 64, 1 epoch). */
    public void resetHyperParameters() {
        TrainConfig d = TrainConfig.defaults();
        optimizer.set(d.optimizer());
        schedule.set(d.schedule());
        learningRate.set(d.learningRate());
        momentum.set(d.momentum());
        weightDecay.set(d.weightDecay());
        batchSize.set(d.batchSize());
        epochs.set(d.epochs());
        seed.set(d.seed());
        // the staged harness learns (its last stage sees the whole image); the A/B command uses it too
        harness.set(HarnessSpec.STAGED_DEFAULT.layout());
        copies.set(HarnessSpec.STAGED_DEFAULT.copies());
        stemStride.set(HarnessSpec.STAGED_DEFAULT.stemStride());
        maxTrainImages.set(0);
        maxTestImages.set(0);
    }

    static double defaultRate(TrainConfig.OptimizerKind k) {
        return k == TrainConfig.OptimizerKind.ADAM ? 0.002 : 0.05;
    }

    // ---------------------------------------------------------------- dataset

    private void refreshDatasets() {
        String why = allowDownloads.get() ? null : "downloads are off: tick Allow downloads";
        List<DatasetOption> list = List.of(
                new DatasetOption(DatasetOption.Source.BUILTIN, "Built-in shapes", false, true, null),
                new DatasetOption(DatasetOption.Source.MNIST, "MNIST (IDX files)", true, true, null),
                new DatasetOption(DatasetOption.Source.FASHION, "Fashion-MNIST (IDX files)", true, true, null),
                new DatasetOption(DatasetOption.Source.CIFAR10, "CIFAR-10 (binary batches)", true, true, null),
                new DatasetOption(DatasetOption.Source.FOLDER, "Image folder (a sub-folder per class)", true, true, null),
                djlOption(DatasetOption.Source.DJL_MNIST, why),
                djlOption(DatasetOption.Source.DJL_FASHION, why),
                djlOption(DatasetOption.Source.DJL_CIFAR10, why));
        if (datasets.size() == list.size()) {
            // replace only what changed: a combo box loses its selection when the selected entry is replaced
            for (int i = 0; i < list.size(); i++) {
                if (!datasets.get(i).equals(list.get(i))) {
                    datasets.set(i, list.get(i));
                }
            }
        } else {
            datasets.setAll(list);
        }
        downloadNote.set(allowDownloads.get() ? downloadNoteText() : "");
        if (!allowDownloads.get() && dataset.get().downloads()) {
            dataset.set(DatasetOption.Source.BUILTIN); // a choice that can no longer be used
        }
    }

    private static DatasetOption djlOption(DatasetOption.Source source, String why) {
        DjlDataset d = source.kind().download();
        String label = d.title() + " (DJL download, about " + d.approxMegabytes() + " MB)";
        return new DatasetOption(source, label, false, why == null, why);
    }

    /** Where DJL's datasets come from and how big they are, shown while downloads are allowed. */
    static String downloadNoteText() {
        StringBuilder sizes = new StringBuilder();
        for (DjlDataset d : DjlDataset.values()) {
            sizes.append(sizes.length() == 0 ? "" : ", ").append(d.title()).append(" about ")
                    .append(d.approxMegabytes()).append(" MB");
        }
        return "DJL datasets are fetched from DJL's repository (" + DjlDownloads.defaultRepository().getBaseUri()
                + ") on first use and cached in " + DjlDownloads.cacheDirectory() + ": " + sizes + ".";
    }

    private void saveAllowDownloads(boolean allow) {
        if (settings == null) {
            return;
        }
        try {
            settings.setAllowDownloads(allow);
        } catch (java.io.IOException | RuntimeException e) {
            message.set("Could not save the download setting to " + settings.file() + ": " + e.getMessage());
        }
    }

    /** The option for the current dataset choice. */
    public DatasetOption datasetOption() {
        return datasets.stream().filter(d -> d.source() == dataset.get()).findFirst().orElseThrow();
    }

    /**
     * The engine's spelling of the current dataset choice.
     *
     * @throws IllegalArgumentException when the choice cannot be used (no folder, downloads off), saying why
     */
    public DataSpec dataSpec() {
        DatasetOption o = datasetOption();
        if (!o.enabled()) {
            throw new IllegalArgumentException(o.label() + " cannot be used: " + o.reason());
        }
        if (o.source().kind() == DataSpec.Kind.BUILTIN) {
            return DataSpec.builtin();
        }
        if (o.source().downloads()) {
            return new DataSpec(o.source().kind(), null);
        }
        String dir = folder.get() == null ? "" : folder.get().trim();
        if (dir.isEmpty()) {
            throw new IllegalArgumentException(o.label() + ": choose the folder that holds it");
        }
        return new DataSpec(o.source().kind(), Path.of(dir));
    }

    /** Loads the chosen dataset on the worker and shows its first few test images with their labels. */
    public CompletableFuture<Void> refreshPreview() {
        DataSpec spec;
        try {
            spec = dataSpec();
        } catch (IllegalArgumentException e) {
            preview.clear();
            datasetInfo.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        long s = seed.get();
        DjlDownloads downloads = downloads(false);
        datasetInfo.set("Loading " + spec + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                ImageData d = load(spec, s, downloads);
                List<DatasetPreview.Sample> samples = DatasetPreview.of(d.train(), PREVIEW_SIZE);
                String info = String.format(Locale.ROOT, "%s: %,d train / %,d test images, %d×%d×%d, %d classes",
                        d.name(), d.train().count(), d.test().count(), d.train().channels(), d.train().height(),
                        d.train().width(), d.numClasses());
                ui.execute(() -> {
                    preview.setAll(samples);
                    datasetInfo.set(info);
                    endPreviewDownload();
                    done.complete(null);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    preview.clear();
                    datasetInfo.set(problem(e));
                    endPreviewDownload();
                    done.complete(null);
                });
            }
        });
        return done;
    }

    /** Reads, generates or downloads the dataset, reusing the last one read; worker thread only. */
    private ImageData load(DataSpec spec, long s, DjlDownloads downloads) {
        String key = spec.kind() == DataSpec.Kind.BUILTIN ? spec + "@" + s : spec.toString();
        if (!key.equals(cachedKey)) {
            cached = spec.load(s, downloads);
            cachedKey = key;
        }
        return cached;
    }

    /**
     * The download permission as the user set it now (read on the UI thread, used on the worker), reporting
     * progress in the progress bar and in the run's message ({@code forRun}) or the dataset line.
     */
    private DjlDownloads downloads(boolean forRun) {
        if (!allowDownloads.get()) {
            return DjlDownloads.off();
        }
        return DjlDownloads.allowed((name, url, fraction) -> ui.execute(() -> {
            String text = "Downloading " + name + " from " + url
                    + (fraction < 0 ? "…" : String.format(Locale.ROOT, "… %.0f%%", 100 * fraction));
            (forRun ? message : datasetInfo).set(text);
            if (forRun || status.get() != TrainingStatus.RUNNING) {
                progress.set(fraction);
            }
        }));
    }

    /** The preview's download used the progress bar; give it back unless a run has it now. */
    private void endPreviewDownload() {
        if (status.get() != TrainingStatus.RUNNING && progress.get() != 0 && progress.get() != 1) {
            progress.set(0);
        }
    }

    // ---------------------------------------------------------------- device and engine

    /** Lists the DJL engines and every device of the chosen one (loads the engine: slow, so on the worker). */
    public CompletableFuture<Void> loadDevices() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            List<String> names = new ArrayList<>();
            List<String> devs = new ArrayList<>(List.of("cpu"));
            String def;
            String problem = null;
            try {
                // only the default engine is loaded here; another is loaded (its natives unpacked) when a
                // run picks it, and a failure to load is then that run's message
                def = EngineCatalog.defaultEngine();
                names.addAll(EngineCatalog.names());
                devs = Devices.names(def);
            } catch (RuntimeException | LinkageError e) {
                def = "";
                problem = "No DJL engine loads: " + e.getMessage();
            }
            String engineName = def;
            List<String> deviceNames = devs;
            String why = problem;
            ui.execute(() -> {
                engines.setAll(names);
                if (engine.get() == null || engine.get().isEmpty()) {
                    engine.set(engineName);
                }
                devices.setAll(deviceNames);
                if (why != null) {
                    deviceNotice.set(why);
                } else {
                    checkDevice();
                }
                done.complete(null);
            });
        });
        return done;
    }

    /** Says when the device asked for is not there and the run will use the CPU. */
    private void checkDevice() {
        try {
            deviceNotice.set(Devices.resolve(device.get()).notice().orElse(""));
        } catch (IllegalArgumentException e) {
            deviceNotice.set(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            deviceNotice.set("cannot check the device: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- running

    /**
     * The hyper-parameters as the engine takes them, in the design method's training mode (OREPA online when
     * the design says so), as {@code ./repstudio train} runs it.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public TrainConfig config() {
        String eng = engine.get() == null || engine.get().isBlank() ? null : engine.get();
        return DesignTraining.inMethodMode(design, new TrainConfig(seed.get(), epochs.get(), batchSize.get(),
                optimizer.get(), learningRate.get(), momentum.get(), weightDecay.get(), schedule.get(), device.get(),
                eng, new HarnessSpec(copies.get(), stemStride.get(), harness.get()), maxTrainImages.get(),
                maxTestImages.get()));
    }

    /** Trains the design (re-param run only). */
    public void start() {
        launch(false);
    }

    /**
     * The A/B study of {@code ./repstudio ab} ({@link AbStudy}): the design, its plain counterpart and the chosen
     * ablations, each trained on {@link #abSeedsProperty()} seeds (seed, seed + 1, ...) for the same epochs in
     * the chosen harness; the report lands in {@link #abProperty()}. Cancel stops after the current step and
     * reports the runs that finished.
     */
    public void startAb() {
        if (status.get() == TrainingStatus.RUNNING) {
            return;
        }
        DataSpec spec;
        TrainConfig cfg;
        List<Arm> arms;
        int seeds = abSeeds.get();
        try {
            spec = dataSpec();
            cfg = config();
            if (seeds < 1) {
                throw new IllegalArgumentException("A/B seeds must be >= 1, got " + seeds);
            }
            arms = AbStudy.armsFor(design.graph(), ablations.get());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        Path record; // checked before the runs, as the ab command does: minutes of training must not end unsaved
        try {
            record = design.file() == null ? null : AbProvenance.prepare(design);
        } catch (java.io.IOException e) {
            fail("the A/B's record cannot be kept: " + e.getMessage());
            return;
        }
        String configuration = AbProvenance.configuration(cfg, spec);
        int n = ++runCount;
        CompletableFuture<TrainingStatus> done = begin(spec);
        CancelToken token = new CancelToken();
        stop = token::cancel;
        DjlDownloads downloads = downloads(true);
        Forwarder forwarder = new Forwarder(n);
        CompletableFuture.supplyAsync(() -> AbStudy.run(design.design().name(), arms,
                load(spec, cfg.seed(), downloads), cfg, seeds, forwarder, token), worker)
                .handle((report, error) -> {
                    // still on the worker: every seed's result goes to the design's run folder
                    String kept = null;
                    if (error == null && record != null && report.hasRuns()) {
                        try {
                            AbProvenance.write(record, report, configuration);
                            kept = "every run kept in " + record.getFileName();
                        } catch (java.io.IOException | RuntimeException e) {
                            kept = "could not keep the record " + record + ": " + e.getMessage();
                        }
                    }
                    String recordNote = kept;
                    ui.execute(() -> {
                        if (error != null) {
                            fail(problem(error));
                        } else {
                            finishAb(report, token.isCancelled(), recordNote);
                        }
                        done.complete(status.get());
                    });
                    return null;
                });
    }

    private void finishAb(AbReport r, boolean cancelled, String recordNote) {
        boolean diverged = r.arms().stream().flatMap(a -> a.seeds().stream())
                .anyMatch(s -> s.status() == RunStatus.DIVERGED);
        ab.set(r.hasRuns() ? r : null);
        status.set(cancelled ? TrainingStatus.CANCELLED : diverged ? TrainingStatus.DIVERGED : TrainingStatus.DONE);
        String head = (cancelled ? "A/B cancelled" : "A/B done") + String.format(Locale.ROOT,
                ": %d seed(s) x %d arm(s) in %.0f s", r.seeds().size(), r.arms().size(), r.wallSeconds());
        String line = r.comparisons().isEmpty() ? head : head + " · " + r.comparisons().get(0).sentence();
        message.set(recordNote == null ? line : line + " · " + recordNote);
        progress.set(cancelled ? progress.get() : 1);
        eta.set("");
    }

    /** Marks a run as started: running status, the dataset loading message, a fresh completion future. */
    private CompletableFuture<TrainingStatus> begin(DataSpec spec) {
        status.set(TrainingStatus.RUNNING);
        message.set("Loading " + spec + "…");
        progress.set(-1);
        eta.set("");
        finished = new CompletableFuture<>();
        return finished;
    }

    private void launch(boolean baseline) {
        if (status.get() == TrainingStatus.RUNNING) {
            return;
        }
        DataSpec spec;
        TrainConfig cfg;
        try {
            spec = dataSpec();
            cfg = config();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        int n = ++runCount;
        CompletableFuture<TrainingStatus> done = begin(spec);
        DjlDownloads downloads = downloads(true);
        Forwarder forwarder = new Forwarder(n);
        TrainingJob job = TrainingJob.start(worker, () -> load(spec, cfg.seed(), downloads),
                (data, token) -> DesignTraining.run(design, data, cfg, baseline, forwarder, token));
        stop = job::cancel;
        job.result().handle((report, error) -> {
            // still on the worker: saving writes files
            List<Path> saved = List.of();
            String saveProblem = null;
            if (error == null && design.file() != null && report.run().status() != RunStatus.DIVERGED) {
                try { // into the run folder, else a rescue folder: trained weights are never dropped
                    SaveOutcome o = TrainedRuns.save(design, report);
                    saved = o.files();
                    saveProblem = o.problem().map(p -> p + "; saved in " + o.rescueFolder().orElseThrow() + " instead")
                            .orElse(null);
                } catch (java.io.IOException | RuntimeException e) {
                    saveProblem = "could not save into " + TrainedRuns.folder(design.file()) + ": " + e.getMessage();
                }
            }
            List<Path> files = saved;
            String why = saveProblem;
            ui.execute(() -> {
                if (error != null) {
                    fail(problem(error));
                } else {
                    finish(n, report, files, why);
                }
                done.complete(status.get());
            });
            return null;
        });
    }

    /** Asks the running job to stop after its current step; it is then fused and evaluated as it stands. */
    public void cancel() {
        if (stop != null && status.get() == TrainingStatus.RUNNING) {
            stop.run();
            message.set("Cancelling after the current step…");
        }
    }

    /** Completes with the final status once the current run (if any) has been reported on the UI executor. */
    public CompletableFuture<TrainingStatus> whenIdle() {
        return finished;
    }

    /** Forgets every run's curves and results. */
    public void clearRuns() {
        if (status.get() != TrainingStatus.RUNNING) {
            runs.clear();
            results.clear();
            ab.set(null);
            seriesRevision.set(seriesRevision.get() + 1);
        }
    }

    private void fail(String why) {
        status.set(TrainingStatus.FAILED);
        message.set(why);
        progress.set(0);
        eta.set("");
    }

    private void finish(int n, TrainReport r, List<Path> saved, String saveProblem) {
        TrainingStatus s = switch (r.run().status()) {
            case COMPLETED -> TrainingStatus.DONE;
            case CANCELLED -> TrainingStatus.CANCELLED;
            case DIVERGED -> TrainingStatus.DIVERGED;
        };
        var c = r.collapse();
        double nan = Double.NaN;
        results.add(new RunResult("#" + n + " re-param", s, r.run().message(), r.dataset(), r.run().device(),
                c == null ? nan : c.accuracyUnfused(), c == null ? nan : c.accuracyFused(),
                r.int8() == null ? nan : r.int8().int8Top1(), c == null ? nan : c.predictionAgreement(), c == null ? nan : c.latencyUnfusedMs(),
                c == null ? nan : c.latencyFusedMs(), r.run().imagesPerSecond(), saved));
        if (r.plain() != null) {
            TrainingStatus ps = r.plain().status() == RunStatus.DIVERGED ? TrainingStatus.DIVERGED
                    : r.plain().status() == RunStatus.CANCELLED ? TrainingStatus.CANCELLED : TrainingStatus.DONE;
            double lat = r.latencyPlainMs() == null ? nan : r.latencyPlainMs();
            results.add(new RunResult("#" + n + " plain", ps, r.plain().message(), r.dataset(), r.plain().device(),
                    r.accuracyPlain(), r.accuracyPlain(), nan, 1, lat, lat, r.plain().imagesPerSecond(), List.of()));
        }
        status.set(s);
        StringBuilder m = new StringBuilder(r.run().message());
        if (r.run().deviceNotice() != null) {
            m.append(" · ").append(r.run().deviceNotice());
        }
        if (c != null) {
            m.append(String.format(Locale.ROOT, " · test accuracy %.1f%% unfused, %.1f%% fused",
                    100 * c.accuracyUnfused(), 100 * c.accuracyFused()));
        }
        if (r.int8() != null) {
            m.append(r.int8().measured() ? String.format(Locale.ROOT, "%s%.1f%% INT8 fused in ONNX Runtime (%+.1f points)",
                    c == null ? " · " : ", ", 100 * r.int8().int8Top1(), r.int8().int8DeltaPoints())
                    : " · INT8 not measured: " + r.int8().reason());
        }
        if (saveProblem != null) {
            m.append(" · ").append(saveProblem);
        } else if (!saved.isEmpty()) {
            m.append(" · saved in ").append(saved.get(saved.size() - 1).getParent());
        }
        message.set(m.toString());
        progress.set(s == TrainingStatus.DONE ? 1 : progress.get());
        eta.set(String.format(Locale.ROOT, "%.1f s training · %.0f img/s", r.run().trainSeconds()
                + (r.plain() == null ? 0 : r.plain().trainSeconds()), r.run().imagesPerSecond()));
    }

    /** The user-facing text of a failure: the dataset or setting problem itself, not its wrapper. */
    static String problem(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t.getCause() != null && t.getMessage() == null)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    static String etaText(BatchProgress p) {
        long s = Math.max(0, Math.round(p.etaSeconds()));
        return String.format(Locale.ROOT, "epoch %d · batch %d/%d · %.0f img/s · ETA %d:%02d", p.epoch(), p.batch(),
                p.batchesPerEpoch(), p.imagesPerSecond(), s / 60, s % 60);
    }

    /**
     * Hands the worker's callbacks to the UI executor; in an A/B it also follows the study (which run of how
     * many, the seed in each series' name, the progress over all runs).
     */
    private final class Forwarder implements TrainingListener, AbListener {
        private final int run;
        private volatile int abIndex;
        private volatile int abTotal;
        private volatile String seedSuffix = "";

        Forwarder(int run) {
            this.run = run;
        }

        @Override
        public TrainingListener training() {
            return this;
        }

        @Override
        public void onRun(int index, int total, String arm, long seed) {
            abIndex = index;
            abTotal = total;
            seedSuffix = " s" + seed;
        }

        @Override
        public void onResult(String arm, SeedResult r) {
            String text = String.format(Locale.ROOT, "A/B run %d/%d: %s%s %.1f%%", abIndex, abTotal, arm, seedSuffix,
                    100 * r.testAccuracy());
            ui.execute(() -> message.set(text));
        }

        /** The fraction of the whole job done: of this run, or of the A/B's runs. */
        private double overall(double runFraction) {
            return abTotal == 0 ? runFraction : (abIndex - 1 + runFraction) / abTotal;
        }

        @Override
        public void onStart(String label, int totalSteps, String dev) {
            String name = "#" + run + " " + label + seedSuffix;
            String which = abTotal == 0 ? "" : " (A/B run " + abIndex + "/" + abTotal + ")";
            ui.execute(() -> {
                boolean plain = label.equals("plain");
                current = new RunSeries(name, plain);
                runs.add(current);
                message.set("Training " + current.name() + which + " on " + dev + " (" + totalSteps + " steps)…");
                progress.set(overall(0));
            });
        }

        @Override
        public void onBatch(BatchProgress p) {
            ui.execute(() -> {
                if (current == null) {
                    return;
                }
                double x = p.epoch() - 1 + (double) p.batch() / p.batchesPerEpoch();
                current.addBatch(x, p.loss(), p.accuracy());
                progress.set(overall(p.fraction()));
                eta.set(etaText(p));
                seriesRevision.set(seriesRevision.get() + 1);
            });
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            ui.execute(() -> {
                if (current != null) {
                    current.addEpoch(m.epoch(), m.testAccuracy());
                    seriesRevision.set(seriesRevision.get() + 1);
                }
            });
        }

        @Override
        public void onNotice(String text) {
            ui.execute(() -> message.set(text)); // a device fallback or the divergence; both end up in the result too
        }
    }

    /** Cancels a running job and stops the worker. */
    @Override
    public void close() {
        if (stop != null) {
            stop.run();
        }
        worker.shutdown();
    }

    // ---------------------------------------------------------------- properties

    /** The design this window trains (its graph, method and file). */
    public LoadedDesign design() {
        return design;
    }

    public String designName() {
        return design.design().name();
    }

    public Path designPath() {
        return design.file();
    }

    /** Lets DJL fetch its datasets; saved to the settings when the model has them. Off by default. */
    public BooleanProperty allowDownloadsProperty() {
        return allowDownloads;
    }

    /** Where DJL's datasets come from and their sizes while downloads are allowed; empty otherwise. */
    public ReadOnlyStringProperty downloadNoteProperty() {
        return downloadNote.getReadOnlyProperty();
    }

    public ObservableList<DatasetOption> datasets() {
        return datasets;
    }

    public ObjectProperty<DatasetOption.Source> datasetProperty() {
        return dataset;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public ObservableList<DatasetPreview.Sample> preview() {
        return preview;
    }

    /** Size and classes of the loaded dataset, or why it could not be loaded. */
    public ReadOnlyStringProperty datasetInfoProperty() {
        return datasetInfo.getReadOnlyProperty();
    }

    public ObservableList<String> engines() {
        return engines;
    }

    public ObservableList<String> devices() {
        return devices;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    /** Empty, or why the run will not use the device asked for. */
    public ReadOnlyStringProperty deviceNoticeProperty() {
        return deviceNotice.getReadOnlyProperty();
    }

    public ObjectProperty<TrainConfig.OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public ObjectProperty<TrainConfig.Schedule> scheduleProperty() {
        return schedule;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public DoubleProperty momentumProperty() {
        return momentum;
    }

    public DoubleProperty weightDecayProperty() {
        return weightDecay;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Block copies in the harness network. */
    public IntegerProperty copiesProperty() {
        return copies;
    }

    public IntegerProperty stemStrideProperty() {
        return stemStride;
    }

    /** At most this many training images (0: all). */
    public IntegerProperty maxTrainImagesProperty() {
        return maxTrainImages;
    }

    /** At most this many test images (0: all). */
    public IntegerProperty maxTestImagesProperty() {
        return maxTestImages;
    }

    public ReadOnlyObjectProperty<TrainingStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What is happening, or how the last run ended (with the divergence or dataset message). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0..1 while training; -1 while the dataset loads (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** Every run of this window, oldest first, so the charts overlay them. */
    public ObservableList<RunSeries> runs() {
        return runs;
    }

    /** Bumped after every point added to any series (the view syncs its charts on it). */
    public ReadOnlyIntegerProperty seriesRevisionProperty() {
        return seriesRevision.getReadOnlyProperty();
    }

    public ObservableList<RunResult> results() {
        return results;
    }

    /** The latest A/B study (every seed of every arm, the comparisons), null before one ran. */
    public ReadOnlyObjectProperty<AbReport> abProperty() {
        return ab.getReadOnlyProperty();
    }

    /** Seeds per arm of the A/B (default {@value #DEFAULT_AB_SEEDS}). */
    public IntegerProperty abSeedsProperty() {
        return abSeeds;
    }

    /** Which ablation arms the A/B adds (default none: re-param against plain only). */
    public ObjectProperty<Ablations.Mode> ablationsProperty() {
        return ablations;
    }

    /** Staged (a block per stage, downsampling between; the default) or flat (copies at one resolution). */
    public ObjectProperty<HarnessSpec.Layout> harnessProperty() {
        return harness;
    }
}
