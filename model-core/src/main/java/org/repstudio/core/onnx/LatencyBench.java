package org.repstudio.core.onnx;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Weights;

/**
 * Latency of a design before and after fusion, on DJL and on ONNX Runtime, next to a plain conv network of
 * the fused shape (the fused graph with its own fresh random weights: the speed fusion should reach).
 *
 * <p>All six timers (three models, two engines) are built first, then run in rounds: each round runs the
 * three models once on ONNX Runtime and once on DJL, starting with a different model each round, so slow
 * drifts of the machine (heat, other processes) hit every model alike. Before each timed run the bench
 * pauses {@link #SETTLE_MS}: the previous run's idle pool threads (ONNX Runtime's, and the OpenMP workers
 * under DJL's PyTorch) spin for a while before they sleep, and on a small machine they would take a core
 * from the run being timed. Warm-up rounds come first and are not counted; each figure is the median over
 * the timed rounds. The ONNX models are checked against DJL before they are timed, so a fast wrong model
 * cannot win.
 */
public final class LatencyBench {

    /**
     * The bench's check only guards against a broken export (a wrong mapping is off by far more); float32
     * noise between two conv implementations can reach 1e-6 on very large kernels, which must not stop a
     * measurement.
     */
    static final double CHECK_TOLERANCE = 1e-5;
    /** Long enough for libgomp's default spin (300k polls, a few ms) and ONNX Runtime's to end. */
    static final long SETTLE_MS = 20;
    private static final int UNFUSED = 0;
    private static final int FUSED = 1;
    private static final int PLAIN = 2;

    private LatencyBench() {
    }

    /**
     * Measures {@code graph} with {@code weights}.
     *
     * @throws org.repstudio.core.fusion.InvalidDesignException when the graph is invalid or the weights do not fit
     * @throws ExportCheckException when an exported model disagrees with DJL
     * @throws IllegalStateException when ONNX Runtime fails
     */
    public static BenchResult run(Graph graph, Weights weights, BenchOptions options, BenchProgress progress) {
        return run(graph, weights, options, new FusionOptions(false, false, 0), progress);
    }

    /** As above, fusing with {@code fusion} (a design's method may ask for RMNet or ResRep). */
    public static BenchResult run(Graph graph, Weights weights, BenchOptions options, FusionOptions fusion,
                                  BenchProgress progress) {
        long start = System.nanoTime();
        OnnxExporter.requireValid(graph, weights);
        progress.update(BenchStage.EXPORTING, 0);
        FusionTrace trace = FusionPlanner.fuse(graph, weights, fusion);
        Graph fused = trace.fused();
        Weights plainWeights = RandomWeights.generate(fused, options.seed() + 1);
        Graph[] graphs = {graph, fused, fused};
        Weights[] params = {weights, trace.fusedWeights(), plainWeights};
        ExportOptions check = ExportOptions.defaults().withTolerance(CHECK_TOLERANCE).withSeed(options.seed());
        OnnxModel[] models = new OnnxModel[3];
        models[UNFUSED] = OnnxExporter.checked(graph, weights, graph, weights, OnnxForm.UNFUSED, List.of(), check);
        progress.update(BenchStage.EXPORTING, 0.04);
        models[FUSED] = OnnxExporter.checked(graph, weights, fused, trace.fusedWeights(), OnnxForm.FUSED, List.of(),
                check);
        progress.update(BenchStage.EXPORTING, 0.07);
        models[PLAIN] = OnnxExporter.checked(fused, plainWeights, fused, plainWeights, OnnxForm.FUSED, List.of(), check);
        progress.update(BenchStage.EXPORTING, 0.1);

        long[] shape = ShapeInference.infer(graph).shapes().get(graph.inputIds().get(0)).withBatch(options.batch());
        Tensor x = Equivalence.standardNormal(shape, options.seed());
        double[][] ort = new double[3][options.reps()];
        double[][] djl = new double[3][options.reps()];
        List<AutoCloseable> open = new ArrayList<>();
        try (DjlThreads threads = DjlThreads.use(options.threads())) {
            OrtTimer[] ortTimers = new OrtTimer[3];
            DjlTimer[] djlTimers = new DjlTimer[3];
            for (int m = 0; m < 3; m++) {
                ortTimers[m] = new OrtTimer(models[m].rawBytes(), x, options.threads(), options.spinning());
                open.add(ortTimers[m]);
                djlTimers[m] = new DjlTimer(graphs[m], params[m], x);
                open.add(djlTimers[m]);
            }
            for (int r = 0; r < options.warmup(); r++) {
                round(r, ortTimers, djlTimers, null, null, 0);
                progress.update(BenchStage.WARMING_UP, 0.1 + 0.1 * (r + 1) / options.warmup());
            }
            for (int r = 0; r < options.reps(); r++) {
                round(r, ortTimers, djlTimers, ort, djl, r);
                progress.update(BenchStage.MEASURING, 0.2 + 0.8 * (r + 1) / options.reps());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while timing: " + e.getMessage(), e);
        } finally {
            closeAll(open);
        }
        progress.update(BenchStage.DONE, 1);
        BenchResult.Timing[] t = new BenchResult.Timing[3];
        for (int m = 0; m < 3; m++) {
            t[m] = new BenchResult.Timing(median(djl[m]), median(ort[m]), min(djl[m]), min(ort[m]));
        }
        return new BenchResult(t[UNFUSED], t[FUSED], t[PLAIN], options, trace.exact(),
                models[UNFUSED].report().count("Conv"), models[FUSED].report().count("Conv"),
                OrtRuntime.version(), DjlThreads.engineLabel(), noise(ort, djl), (System.nanoTime() - start) / 1e9);
    }

    /** One round: every model once on ONNX Runtime, then once on DJL, starting at model {@code r mod 3}. */
    private static void round(int r, OrtTimer[] ortTimers, DjlTimer[] djlTimers, double[][] ort, double[][] djl,
                              int slot) throws OrtException {
        for (int i = 0; i < 3; i++) {
            int m = (r + i) % 3;
            settle();
            double ms = ortTimers[m].timeMs();
            if (ort != null) {
                ort[m][slot] = ms;
            }
        }
        for (int i = 0; i < 3; i++) {
            int m = (r + i) % 3;
            settle();
            double ms = djlTimers[m].timeMs();
            if (djl != null) {
                djl[m][slot] = ms;
            }
        }
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        }
    }

    /** Largest (p75 - p25) / median over the series: how much the machine got in the way. */
    static double noise(double[][]... series) {
        double worst = 0;
        for (double[][] engine : series) {
            for (double[] v : engine) {
                worst = Math.max(worst, (quantile(v, 0.75) - quantile(v, 0.25)) / median(v));
            }
        }
        return worst;
    }

    /** Linear-interpolated quantile q of the values. */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing native sessions after a measurement: nothing useful to do with a failure here
            }
        }
    }
}
