package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repstudio.core.design.DesignTraining;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.TrainedRuns;
import org.repstudio.core.engine.EngineNames;
import org.repstudio.core.train.BatchProgress;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.Collapse;
import org.repstudio.core.train.DataSpec;
import org.repstudio.core.train.DatasetException;
import org.repstudio.core.train.DjlDownloads;
import org.repstudio.core.train.DownloadProgress;
import org.repstudio.core.train.EpochMetrics;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.Provenance;
import org.repstudio.core.train.ResRepSession;
import org.repstudio.core.train.RunStatus;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainReport;
import org.repstudio.core.train.TrainingListener;
import org.repstudio.core.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Trains the harness around a design on DJL, fuses it and compares fused with unfused on the test split;
 * with {@code --baseline} also trains the plain counterpart. Progress goes to stderr, results to stdout.
 * Exit 0: trained; 1: the loss diverged; 2: invalid input (design, dataset, options).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train DESIGN in a small harness network, then fuse it and compare fused vs unfused.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DESIGN.json", description = "the design file (a block, or a whole network)")
    Path design;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "builtin | mnist:DIR | fashion:DIR | cifar10:DIR | folder:DIR, or with --allow-downloads"
                    + " djl:mnist | djl:fashion | djl:cifar10; default ${DEFAULT-VALUE}")
    String data = "builtin";

    @Option(names = "--allow-downloads", description = "let DJL fetch a djl:* dataset from its repository on first"
            + " use (cached after); without it RepStudio keeps DJL offline")
    boolean allowDownloads;

    @Option(names = "--epochs", description = "default ${DEFAULT-VALUE}")
    int epochs = 1;

    @Option(names = "--device", description = "cpu, gpu or gpuN; a missing GPU falls back to the CPU; default ${DEFAULT-VALUE}")
    String device = "cpu";

    @Option(names = "--engine", description = "DJL engine: pytorch or mxnet (when its native library loads); default "
            + "pytorch")
    String engine;

    @Option(names = "--baseline", description = "also train the plain block of equal inference cost (A/B)")
    boolean baseline;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--seed", description = "seed of weights, batch order and the built-in data; default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = "--batch", description = "batch size; default ${DEFAULT-VALUE}")
    int batch = 64;

    @Option(names = "--optimizer", description = "sgd (momentum) or adam; default ${DEFAULT-VALUE}")
    String optimizer = "sgd";

    @Option(names = "--lr", description = "base learning rate; default 0.05 for sgd, 0.002 for adam")
    Double lr;

    @Option(names = "--momentum", description = "SGD momentum; default ${DEFAULT-VALUE}")
    double momentum = 0.9;

    @Option(names = "--weight-decay", description = "default ${DEFAULT-VALUE}")
    double weightDecay = 5e-4;

    @Option(names = "--schedule", description = "cosine or step; default ${DEFAULT-VALUE}")
    String schedule = "cosine";

    @Option(names = "--copies", description = "block copies in the harness; default ${DEFAULT-VALUE}")
    int copies = HarnessSpec.DEFAULT.copies();

    @Option(names = "--stem-stride", description = "stride of the harness stem; default ${DEFAULT-VALUE}")
    int stemStride = HarnessSpec.DEFAULT.stemStride();

    @Option(names = "--harness", description = "flat (copies at one resolution) or staged (one copy per stage,"
            + " downsampling between stages); default ${DEFAULT-VALUE}")
    String harness = "flat";

    @Option(names = "--max-train", paramLabel = "N", description = "use at most N training images (0: all)")
    int maxTrain;

    @Option(names = "--max-test", paramLabel = "N", description = "use at most N test images (0: all)")
    int maxTest;

    @Option(names = "--int8-eval", negatable = true, defaultValue = "true", fallbackValue = "true", description = "after training, run float unfused, float fused and"
            + " INT8 fused (min-max, 8x32 training images) in ONNX Runtime on the test split: top-1, agreement, latency;"
            + " default on (--no-int8-eval skips it)")
    boolean int8Eval = true;

    @Option(names = "--no-save", description = "do not write the trained model and provenance (beside the design;"
            + " for a bundled sample in ~/.repstudio/runs/samples)")
    boolean noSave;

    @Option(names = "--online", negatable = true, description = "OREPA online re-parameterization: each branch sum"
            + " trains as one conv squeezed from its branch parameters every step (needs an OREPA-shaped design); "
            + "default: the design's \"training\" field (offline when absent)")
    Boolean online;

    @Option(names = "--resrep", description = "train with ResRep compactors, prune and merge; report channels kept,"
            + " MACs and accuracy before and after pruning")
    boolean resrep;

    @Option(names = "--resrep-target", description = "fraction of compactor rows to remove; default ${DEFAULT-VALUE}")
    double resrepTarget = 0.5;

    @Option(names = "--resrep-lambda", description = "group-lasso strength on every row; default ${DEFAULT-VALUE}")
    double resrepLambda = 1e-4;

    @Option(names = "--resrep-masked-lambda", description = "pull on the rows chosen for removal; default"
            + " ${DEFAULT-VALUE} (empties them within a few epochs)")
    double resrepMaskedLambda = 0.05;

    @Override
    public Integer call() throws Exception {
        LoadedDesign d = Designs.load(design, seed, Optional.empty());
        if (!noSave) {
            TrainOutputs.requireWritable(d);
        }
        TrainConfig cfg = online != null ? config().withOnline(online) : DesignTraining.inMethodMode(d, config());
        boolean onlineMode = cfg.online();
        if (onlineMode) {
            if (resrep) {
                throw new BadInputException("--online and --resrep cannot be combined");
            }
            try {
                TrainingSession.requireOnline(d.graph());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(design.getFileName() + ": --online: " + e.getMessage());
            }
        }
        DataSpec spec = DataSpec.parse(data);
        ImageData images;
        try {
            images = spec.load(seed, allowDownloads ? DjlDownloads.allowed(new StderrDownload()) : DjlDownloads.off());
        } catch (DatasetException e) {
            // DJL dataset messages already start with the dataset's name
            String m = e.getMessage();
            throw new BadInputException(m.startsWith(spec.toString()) ? m : "dataset " + spec + ": " + m);
        }
        System.err.printf("training %s on %s (%d train / %d test images, %d classes), %d epoch(s), device %s%n",
                design.getFileName(), images.name(), images.train().count(), images.test().count(),
                images.numClasses(), epochs, device);
        if (onlineMode) {
            System.err.println("training online: each branch sum runs as one squeezed conv");
        }
        if (resrep) {
            return ResRepOutput.print(ResRepSession.run(d.graph(), images, cfg, resrepTarget, resrepLambda, resrepMaskedLambda,
                    new StderrProgress(), new CancelToken()), design, json);
        }
        TrainReport report = DesignTraining.run(d, images, cfg, baseline, new StderrProgress(), new CancelToken(),
                int8Eval);
        List<Path> saved = List.of();
        if (!noSave && report.run().status() != RunStatus.DIVERGED) {
            saved = TrainOutputs.save(d, report);
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", design.toString());
            o.put("dataset", report.dataset());
            o.put("epochs", epochs);
            o.put("seed", seed);
            o.put("engine", report.engine());
            if (report.run().deviceNotice() != null) {
                o.put("deviceNotice", report.run().deviceNotice());
            }
            Provenance.results(o, report);
            var files = o.putArray("saved");
            saved.forEach(f -> files.add(f.toString()));
            System.out.println(CliJson.text(o));
        } else {
            printText(report, saved);
        }
        return report.run().status() == RunStatus.DIVERGED ? 1 : 0;
    }

    private TrainConfig config() {
        TrainConfig.OptimizerKind opt = parseEnum(TrainConfig.OptimizerKind.class, optimizer, "--optimizer");
        TrainConfig.Schedule sched = parseEnum(TrainConfig.Schedule.class, schedule, "--schedule");
        double rate = lr != null ? lr : opt == TrainConfig.OptimizerKind.ADAM ? 0.002 : 0.05;
        return new TrainConfig(seed, epochs, batch, opt, rate, momentum, weightDecay, sched, device,
                EngineNames.canonical(engine),
                new HarnessSpec(copies, stemStride, parseEnum(HarnessSpec.Layout.class, harness, "--harness")),
                maxTrain, maxTest);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " '" + text + "' is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }

    private void printText(TrainReport r, List<Path> saved) {
        if (r.run().deviceNotice() != null) {
            System.out.println("notice: " + r.run().deviceNotice());
        }
        System.out.printf("%s: %s on %s, device %s, %s; %.0f images/s training%n", r.design(),
                r.run().status().name().toLowerCase(Locale.ROOT), r.dataset(), r.run().device(), r.engine(),
                r.run().imagesPerSecond());
        System.out.println(r.run().message());
        Collapse c = r.collapse();
        if (c != null) {
            System.out.printf("accuracy unfused %.2f%%, fused %.2f%% (%+.2f points), identical predictions %.2f%%, "
                            + "max logit diff %.2e (relative %.2e)%n", 100 * c.accuracyUnfused(), 100 * c.accuracyFused(),
                    c.accuracyDeltaPoints(), 100 * c.predictionAgreement(), c.maxLogitDiff(), c.maxLogitRelDiff());
            System.out.printf("latency (batch %d) unfused %.3f ms, fused %.3f ms; %d -> %d nodes, %d -> %d params%s%n",
                    c.latencyBatch(), c.latencyUnfusedMs(), c.latencyFusedMs(), c.nodesUnfused(), c.nodesFused(),
                    c.paramsUnfused(), c.paramsFused(), c.exact() ? "" : " (some regions refused)");
        }
        if (r.int8() != null) {
            System.out.println(Int8Lines.of(r.int8()));
        }
        if (r.plain() != null) {
            System.out.printf("plain baseline: accuracy %.2f%% (%s)%s%n", 100 * r.accuracyPlain(),
                    r.plain().status().name().toLowerCase(Locale.ROOT),
                    r.latencyPlainMs() == null ? "" : String.format(", latency %.3f ms", r.latencyPlainMs()));
        }
        saved.forEach(p -> System.out.println("wrote " + p));
    }

    /** A line on stderr as a download starts and every tenth of it. */
    private static final class StderrDownload implements DownloadProgress {
        private int lastTenth = -1;

        @Override
        public void onDownload(String dataset, String url, double fraction) {
            if (fraction < 0) {
                System.err.printf("downloading %s from %s%n", dataset, url);
                return;
            }
            int tenth = (int) (fraction * 10);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                System.err.printf("  download %3d%%%n", tenth * 10);
            }
        }
    }

    /** A line on stderr every tenth of the run and after each epoch. */
    private static final class StderrProgress implements TrainingListener {
        private int lastTenth = -1;

        @Override
        public void onStart(String label, int totalSteps, String device) {
            lastTenth = -1;
            System.err.printf("%s: %d steps on %s%n", label, totalSteps, device);
        }

        @Override
        public void onBatch(BatchProgress p) {
            int tenth = (int) (p.fraction() * 10);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                System.err.printf("  %3.0f%%  epoch %d batch %d/%d  loss %.4f  lr %.4g  %.0f img/s  ETA %.0f s%n",
                        100 * p.fraction(), p.epoch(), p.batch(), p.batchesPerEpoch(), p.loss(), p.learningRate(),
                        p.imagesPerSecond(), p.etaSeconds());
            }
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            System.err.printf("  epoch %d: train loss %.4f, train acc %.2f%%, test acc %.2f%%, %.1f s%n", m.epoch(),
                    m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.seconds());
        }

        @Override
        public void onNotice(String message) {
            System.err.println("notice: " + message);
        }
    }
}
