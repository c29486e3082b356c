package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.onnx.BenchOptions;
import org.repstudio.core.onnx.BenchProgress;
import org.repstudio.core.onnx.BenchResult;
import org.repstudio.core.onnx.BenchStage;
import org.repstudio.core.onnx.LatencyBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times the unfused, the fused and a plain conv network of the fused shape on DJL and on ONNX Runtime,
 * interleaved in one run, and prints the medians and their ratios. Exit 0, or 2 on invalid input.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Latency of DESIGN unfused, fused and as a plain conv net, on DJL and ONNX Runtime.")
final class BenchCommand implements Callable<Integer> {

    /** Above this spread the table says the figures are rough. */
    static final double NOISY = 0.15;

    @Mixin
    DesignInput input = new DesignInput();

    @Option(names = "--batch", description = "batch size; default ${DEFAULT-VALUE}")
    int batch = 1;

    @Option(names = "--threads", description = "intra-op threads of both engines; default ${DEFAULT-VALUE}")
    int threads = BenchOptions.defaults().threads();

    @Option(names = "--reps", description = "timed rounds (medians over them); default ${DEFAULT-VALUE}")
    int reps = BenchOptions.defaults().reps();

    @Option(names = "--warmup", description = "untimed rounds first; default ${DEFAULT-VALUE}")
    int warmup = BenchOptions.defaults().warmup();

    @Option(names = "--spinning", negatable = true, description = "let ONNX Runtime's idle threads spin between runs; default ${DEFAULT-VALUE}")
    boolean spinning = BenchOptions.defaults().spinning();

    @Option(names = "--seed", description = "seed of the input and of random weights; default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--train-step", description = "time a training step (forward and backward) of OREPA's online"
            + " form, of the block with every branch (offline) and of a plain conv; --batch sets the batch (default"
            + " 32 here)")
    boolean trainStep;

    @Option(names = "--train", description = "images/s of the training loop on the design's harness (SGD, cosine,"
            + " built-in data) and page faults per step; with --steps, --online, --plain, --harness-out; --batch"
            + " defaults to 64 here")
    boolean train;

    @Option(names = "--steps", description = "training steps for --train; default ${DEFAULT-VALUE}")
    int steps = 125;

    @Option(names = "--online", description = "--train in OREPA's online form")
    boolean online;

    @Option(names = "--plain", description = "--train the design's plain counterpart (the A/B baseline)")
    boolean plain;

    @Option(names = "--harness-out", paramLabel = "FILE", description = "with --train, write the trained harness as a"
            + " design file (scripts/train_speed.py trains it in PyTorch)")
    Path harnessOut;

    @Override
    public Integer call() throws Exception {
        if (train) {
            LoadedDesign d = input.load(seed);
            if (harnessOut != null) {
                CommandFiles.require(input.reading(d)
                        .writes("--harness-out", harnessOut));
            }
            int b = batch == BenchOptions.defaults().batch() ? 64 : batch;
            return TrainSpeedOutput.print(d, new TrainSpeedOutput.Request(steps, b, threads, seed, online, plain,
                    harnessOut, json));
        }
        if (trainStep) {
            LoadedDesign d = input.load(seed);
            if (harnessOut != null) {
                CommandFiles.require(input.reading(d)
                        .writes("--harness-out", harnessOut));
            }
            int b = batch == BenchOptions.defaults().batch() ? 32 : batch;
            return TrainStepOutput.print(d, b, Math.max(2, warmup), Math.max(5, Math.min(reps, 30)), json);
        }
        BenchOptions options;
        try {
            options = new BenchOptions(batch, threads, warmup, reps, seed, spinning);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        LoadedDesign d = input.load(seed);
        if (!quiet) {
            Designs.sayWeights(d);
        }
        BenchResult r = LatencyBench.run(d.graph(), d.weights(), options,
                d.method().fusion(false), quiet ? BenchProgress.NONE
                : new StderrProgress());
        if (json) {
            System.out.println(CliJson.text(toJson(r, input.path())));
        } else {
            printTable(r);
        }
        return 0;
    }

    private void printTable(BenchResult r) {
        BenchOptions o = r.options();
        System.out.printf("%s: batch %d, %d threads, %d rounds after %d warm-up, medians in ms%n", input.path(),
                o.batch(), o.threads(), o.reps(), o.warmup());
        System.out.printf("%-8s %10s %10s %10s %10s%n", "", "DJL", "ORT", "DJL best", "ORT best");
        row("unfused", r.unfused());
        row("fused", r.fused());
        row("plain", r.plain());
        System.out.printf("speedup unfused/fused: ORT %.2fx, DJL %.2fx%n", r.speedupOrt(), r.speedupDjl());
        System.out.printf("fused/plain:           ORT %.3f, DJL %.3f%n", r.fusedVsPlainOrt(), r.fusedVsPlainDjl());
        System.out.printf("from the fastest rounds: ORT speedup %.2fx, fused/plain %.3f%n", r.speedupOrtBest(),
                r.fusedVsPlainOrtBest());
        System.out.printf("Conv nodes %d -> %d%s; ONNX Runtime %s, DJL %s; %.1f s%n", r.unfusedConvs(), r.fusedConvs(),
                r.exact() ? "" : " (some regions refused, left unfused)", r.ortVersion(), r.djlEngine(), r.seconds());
        System.out.printf("noise (largest IQR/median) %.3f%s%n", r.noise(),
                r.noise() > NOISY ? ": the machine was busy, ratios are rough; run again when it is idle" : "");
    }

    private static void row(String name, BenchResult.Timing t) {
        System.out.printf("%-8s %10.3f %10.3f %10.3f %10.3f%n", name, t.djlMs(), t.ortMs(), t.djlMinMs(), t.ortMinMs());
    }

    static ObjectNode toJson(BenchResult r, Path design) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("design", design.toString());
        BenchOptions opt = r.options();
        o.put("batch", opt.batch());
        o.put("threads", opt.threads());
        o.put("warmup", opt.warmup());
        o.put("reps", opt.reps());
        o.put("spinning", opt.spinning());
        timing(o.putObject("unfused"), r.unfused());
        timing(o.putObject("fused"), r.fused());
        timing(o.putObject("plain"), r.plain());
        o.put("speedupOrt", r.speedupOrt());
        o.put("speedupDjl", r.speedupDjl());
        o.put("fusedVsPlainOrt", r.fusedVsPlainOrt());
        o.put("fusedVsPlainDjl", r.fusedVsPlainDjl());
        o.put("speedupOrtBest", r.speedupOrtBest());
        o.put("fusedVsPlainOrtBest", r.fusedVsPlainOrtBest());
        o.put("exact", r.exact());
        o.put("unfusedConvs", r.unfusedConvs());
        o.put("fusedConvs", r.fusedConvs());
        o.put("ortVersion", r.ortVersion());
        o.put("djlEngine", r.djlEngine());
        o.put("noise", r.noise());
        o.put("seconds", r.seconds());
        return o;
    }

    private static void timing(ObjectNode o, BenchResult.Timing t) {
        o.put("djlMs", t.djlMs());
        o.put("ortMs", t.ortMs());
        o.put("djlMinMs", t.djlMinMs());
        o.put("ortMinMs", t.ortMinMs());
    }

    /** Prints a stage once and then its percentage in place, on stderr so --json output stays clean. */
    private static final class StderrProgress implements BenchProgress {
        private BenchStage stage;
        private int shown = -1;

        @Override
        public void update(BenchStage newStage, double fraction) {
            int percent = (int) Math.round(fraction * 100);
            if (newStage != stage || percent / 10 != shown / 10) {
                System.err.printf("bench: %-10s %3d%%%n", newStage.label(), percent);
                stage = newStage;
                shown = percent;
            }
        }
    }
}
