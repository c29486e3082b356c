package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repstudio.core.ab.AbListener;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.AbStudy;
import org.repstudio.core.ab.Ablations;
import org.repstudio.core.ab.Arm;
import org.repstudio.core.ab.ArmResult;
import org.repstudio.core.ab.Comparison;
import org.repstudio.core.ab.Int8Accuracy;
import org.repstudio.core.ab.SeedResult;
import org.repstudio.core.design.AbProvenance;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.TrainedInt8;
import org.repstudio.core.design.TrainedRuns;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.io.UnsafeOutputException;
import org.repstudio.core.stats.Difference;
import org.repstudio.core.stats.Verdict;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.DataSpec;
import org.repstudio.core.train.DatasetException;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.RunFolders;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code repstudio ab DESIGN.json}: does the block train a better model than the plain conv it collapses
 * into, and does each branch kind pull its weight? Every arm trains on the same seeds for the same epochs.
 */
@Command(name = "ab", mixinStandardHelpOptions = true,
        description = "A/B a block: re-param vs the plain conv of its collapsed shape, and (for a block with several"
                + " branch kinds) each kind removed in turn; N seeds per arm, mean +- std, the 95%% Welch interval"
                + " of each difference and whether it is within the noise, time per epoch of each arm.")
final class AbCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DESIGN.json")
    Path design;

    @Option(names = "--seeds", description = "seeds per arm; default ${DEFAULT-VALUE}")
    int seeds = 5;

    @Option(names = "--seed", description = "first seed (then +1, +2...); default ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--epochs", description = "epochs per run, equal for every arm; default ${DEFAULT-VALUE}")
    int epochs = 6;

    @Option(names = "--data", description = "builtin, mnist:DIR, fashion:DIR, cifar10:DIR or folder:DIR;"
            + " default ${DEFAULT-VALUE}")
    String data = "builtin";

    @Option(names = "--batch", description = "default ${DEFAULT-VALUE}")
    int batch = 64;

    @Option(names = "--lr", description = "SGD learning rate (momentum 0.9, cosine); default ${DEFAULT-VALUE}")
    double lr = 0.05;

    @Option(names = "--harness", description = "staged or flat; default ${DEFAULT-VALUE}")
    String harness = "staged";

    @Option(names = "--stages", description = "block copies (stages when staged); default ${DEFAULT-VALUE}")
    int stages = HarnessSpec.STAGED_DEFAULT.copies();

    @Option(names = "--max-train", paramLabel = "N", description = "use at most N training images (0: all)")
    int maxTrain;

    @Option(names = "--max-test", paramLabel = "N", description = "use at most N test images (0: all)")
    int maxTest;

    @Option(names = "--no-ablations", description = "skip the ablation arms (same as --ablation none)")
    boolean noAblations;

    @Option(names = "--ablation", description = "removal (each branch kind removed in turn), cumulative (the first"
            + " kind alone, then kinds added one by one, as in RepVGG's table) or none; default ${DEFAULT-VALUE}")
    String ablation = "removal";

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--int8", description = "also measure each trained run's INT8 fused accuracy in ONNX Runtime"
            + " (min-max calibration on training images, as train's INT8 step)")
    boolean int8;

    @Option(names = "--no-save", description = "do not write the provenance file beside the design")
    boolean noSave;

    @Override
    public Integer call() throws IOException {
        LoadedDesign d = Designs.load(design, seed, Optional.empty());
        Ablations.Mode mode; // before the run folder is made: a bad option leaves the disk as it was
        try {
            mode = noAblations ? Ablations.Mode.NONE : Ablations.Mode.valueOf(ablation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--ablation '" + ablation + "' is not one of removal, cumulative, none");
        }
        HarnessSpec.Layout layout;
        try {
            layout = HarnessSpec.Layout.valueOf(harness.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--harness '" + harness + "' is not one of staged, flat");
        }
        TrainConfig cfg = TrainConfig.defaults().withSeed(seed).withEpochs(epochs).withBatchSize(batch)
                .withOptimizer(TrainConfig.OptimizerKind.SGD, lr)
                .withHarness(new HarnessSpec(stages, HarnessSpec.STAGED_DEFAULT.stemStride(), layout))
                .withLimits(maxTrain, maxTest);
        List<Arm> arms = AbStudy.armsFor(d.graph(), mode);
        DataSpec spec = DataSpec.parse(data);
        ImageData images;
        try {
            images = spec.load(seed);
        } catch (DatasetException e) {
            throw new BadInputException("dataset " + spec + ": " + e.getMessage());
        }
        images = TrainingSession.limit(images, cfg); // AbStudy's own cut then finds nothing to cut
        // the run folder (beside the design; a bundled sample's in the user's folder), checked before minutes of
        // training and after every option and the data: bad input leaves the disk as it was
        Path out = null;
        if (!noSave) {
            try {
                out = AbProvenance.prepare(d);
            } catch (UnsafeOutputException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        System.err.printf("A/B of %s on %s (%d train / %d test), %s harness, %d arm(s) x %d seed(s) x %d epoch(s)%n",
                design.getFileName(), images.name(), images.train().count(), images.test().count(),
                harness, arms.size(), seeds, epochs);
        FusionOptions fusion = d.method().fusion(false);
        Int8Accuracy int8Top1 = !int8 ? Int8Accuracy.NONE : (run, test) -> TrainedInt8.int8Top1(run, test, fusion);
        AbReport report = AbStudy.run(design.getFileName().toString(), arms, images, cfg, seeds, new Progress(),
                new CancelToken(), int8Top1);
        String configuration = AbProvenance.configuration(cfg, spec);
        var node = AbProvenance.of(report, configuration);
        if (out != null) {
            AbProvenance.write(out, node);
            System.err.println("wrote " + out);
        }
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            printTable(report);
        }
        return 0;
    }

    static void printTable(AbReport r) {
        System.out.printf(Locale.ROOT, "%s on %s, %s harness, %d epoch(s), seeds %s%n", r.design(), r.dataset(),
                r.harness(), r.epochs(), r.seeds());
        boolean int8 = r.arms().stream().anyMatch(a -> a.int8Accuracy().isPresent());
        System.out.printf(Locale.ROOT, "%-34s %9s %8s%s %9s %s%n", "arm", "accuracy", "std",
                int8 ? String.format(Locale.ROOT, " %9s %8s", "INT8", "std") : "", "s/epoch", "");
        for (ArmResult a : r.arms()) {
            System.out.printf(Locale.ROOT, "%-34s %8.2f%% %7s%s %9.1f %s%n", a.label(), 100 * a.accuracy().mean(),
                    points(a.accuracy().std()),
                    !int8 ? "" : a.int8Accuracy().map(q -> String.format(Locale.ROOT, " %8.2f%% %7s", 100 * q.mean(),
                            points(q.std()))).orElse(String.format(Locale.ROOT, " %9s %8s", "-", "-")),
                    a.secondsPerEpoch().mean(),
                    a.notConverged() > 0 ? a.notConverged() + " run(s) still climbing at the last epoch" : "");
        }
        for (Comparison c : r.comparisons()) {
            System.out.println(sentence(c));
        }
        System.out.printf(Locale.ROOT, "A/B took %.0f s%n", r.wallSeconds());
    }

    private static String points(double std) {
        return Double.isFinite(std) ? String.format(Locale.ROOT, "%.2f", 100 * std) : "-";
    }

    /** One line per comparison, in points of accuracy. */
    static String sentence(Comparison c) {
        return c.sentence() + (c.difference().verdict() == Verdict.TOO_FEW_SEEDS ? "; use --seeds 2 or more" : "");
    }

    /** Prints one line per finished run on stderr. */
    private static final class Progress implements AbListener {
        private int index;
        private int total;

        @Override
        public void onRun(int index, int total, String arm, long seed) {
            this.index = index;
            this.total = total;
        }

        @Override
        public void onResult(String arm, SeedResult r) {
            System.err.printf(Locale.ROOT, "[%d/%d] %-30s seed %d: %.2f%%%s (%s), %.1f s/epoch%n", index, total, arm,
                    r.seed(), 100 * r.testAccuracy(), Double.isFinite(r.int8Accuracy())
                            ? String.format(Locale.ROOT, ", INT8 %.2f%%", 100 * r.int8Accuracy()) : "",
                    r.status().name().toLowerCase(Locale.ROOT), r.secondsPerEpoch());
        }
    }
}
