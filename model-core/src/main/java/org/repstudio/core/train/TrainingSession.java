package org.repstudio.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.repstudio.core.engine.Devices;
import org.repstudio.core.engine.OnlineRegion;
import org.repstudio.core.engine.Latency;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;

/**
 * One press of Train: builds the harness around a design, trains it, fuses the trained model and
 * compares unfused and fused on the test split (accuracy, identical predictions, latency), and with
 * {@code baseline} trains the plain counterpart with the same seed and budget. Blocking; a UI runs it on
 * a worker thread, follows it through the listener and stops it with the token.
 */
public final class TrainingSession {

    /** Inference latency is measured per single image, the deployment case the fusion is for. */
    static final int LATENCY_BATCH = 1;
    static final int EVAL_BATCH = 256;
    /** Latency is the best of this many medians of 20 passes each. */
    static final int LATENCY_ROUNDS = 3;

    /** Linear fusion only, no step measurements: what a design without a method asks for. */
    static final FusionOptions PLAIN_FUSION = new FusionOptions(false, false, 0);

    private TrainingSession() {
    }

    public static TrainReport run(String designLabel, Graph design, ImageData fullData, TrainConfig cfg,
                                  boolean baseline, TrainingListener listener, CancelToken cancel) {
        return run(designLabel, design, fullData, cfg, baseline, listener, cancel, PLAIN_FUSION);
    }

    /**
     * As above, collapsing with {@code fusion}: the design method's rewrites
     * ({@link FusionOptions#forMethod}: RMNet removes residuals, ResRep prunes empty compactor rows).
     */
    public static TrainReport run(String designLabel, Graph design, ImageData fullData, TrainConfig cfg,
                                  boolean baseline, TrainingListener listener, CancelToken cancel,
                                  FusionOptions fusion) {
        if (cfg.online()) {
            requireOnline(design);
        }
        ImageData data = limit(fullData, cfg);
        TensorShape input = TensorShape.spatial(data.train().channels(), data.train().height(), data.train().width());
        Graph harness = Harness.build(design, input, data.numClasses(), cfg.harness());
        TrainingRun run = TrainingLoop.train("re-param", harness, data, cfg, listener, cancel);
        Device device = Devices.resolve(cfg.device()).device();
        Collapse collapse = null;
        if (run.status() != RunStatus.DIVERGED && !run.stepLosses().isEmpty()) {
            collapse = collapse(run, data, device, cfg.engine(), fusion);
        }
        TrainingRun plain = null;
        Double latencyPlain = null;
        if (baseline && !Harness.isWholeNetwork(design) && !cancel.isCancelled()) {
            Graph plainHarness = Harness.build(PlainBaseline.of(design), input, data.numClasses(), cfg.harness());
            plain = TrainingLoop.train("plain", plainHarness, data, cfg.withOnline(false), listener, cancel);
            if (plain.status() != RunStatus.DIVERGED) {
                FusionTrace t = FusionPlanner.fuse(plainHarness, plain.weights(), false);
                latencyPlain = Double.POSITIVE_INFINITY;
                for (int round = 0; round < LATENCY_ROUNDS; round++) {
                    latencyPlain = Math.min(latencyPlain, Latency.measureMs(t.fused(), t.fusedWeights(),
                            LATENCY_BATCH, 3, 20, device, cfg.engine()));
                }
            }
        }
        Engine engine = cfg.engine() == null ? Engine.getInstance() : Engine.getEngine(cfg.engine());
        return new TrainReport(designLabel, data.name(), data.train().count(), data.test().count(), run, collapse,
                plain, latencyPlain, engine.getEngineName() + " " + engine.getVersion());
    }

    /**
     * Checks that {@code design} can train online: every sum OREPA-shaped (branches of bias-free convs,
     * scales and average pooling from one node).
     *
     * @throws IllegalArgumentException naming the design's node that stands in the way
     */
    public static void requireOnline(Graph design) {
        OnlineRegion.all(design);
    }

    /** Fuses the trained harness and measures both models on the test split. */
    public static Collapse collapse(TrainingRun run, ImageData data, Device device, String engine) {
        return collapse(run, data, device, engine, PLAIN_FUSION);
    }

    /** As above, fusing with {@code fusion}. */
    public static Collapse collapse(TrainingRun run, ImageData data, Device device, String engine,
                                    FusionOptions fusion) {
        FusionTrace trace = FusionPlanner.fuse(run.graph(), run.weights(), fusion);
        Predictions unfused = Predictions.of(run.graph(), run.weights(), data, data.test(), device, engine, EVAL_BATCH);
        Predictions fused = Predictions.of(trace.fused(), trace.fusedWeights(), data, data.test(), device, engine,
                EVAL_BATCH);
        int[] labels = data.test().labels();
        double latUnfused = Double.POSITIVE_INFINITY;
        double latFused = Double.POSITIVE_INFINITY;
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            // interleaved rounds, best median kept: a busy shared machine slows one round, not the comparison
            latUnfused = Math.min(latUnfused, Latency.measureMs(run.graph(), run.weights(), LATENCY_BATCH, 3, 20,
                    device, engine));
            latFused = Math.min(latFused, Latency.measureMs(trace.fused(), trace.fusedWeights(), LATENCY_BATCH, 3, 20,
                    device, engine));
        }
        return new Collapse(unfused.accuracy(labels), fused.accuracy(labels), unfused.agreement(fused),
                unfused.maxLogitDiff(fused), unfused.maxAbsLogit(), trace.exact(), run.graph().nodes().size(),
                trace.fused().nodes().size(), run.weights().count(), trace.fusedWeights().count(), latUnfused, latFused,
                LATENCY_BATCH);
    }

    /** {@code d} cut to the images {@code cfg} trains and tests on ({@code --max-train}, {@code --max-test}). */
    public static ImageData limit(ImageData d, TrainConfig cfg) {
        int tr = cfg.maxTrainImages() == 0 ? d.train().count() : cfg.maxTrainImages();
        int te = cfg.maxTestImages() == 0 ? d.test().count() : cfg.maxTestImages();
        return tr >= d.train().count() && te >= d.test().count() ? d : d.limit(tr, te);
    }
}
