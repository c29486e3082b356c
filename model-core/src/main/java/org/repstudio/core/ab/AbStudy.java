package org.repstudio.core.ab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.stats.Difference;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.EpochMetrics;
import org.repstudio.core.train.Harness;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.PlainBaseline;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainingLoop;
import org.repstudio.core.train.TrainingRun;
import org.repstudio.core.train.TrainingSession;

/**
 * Runs an A/B study: every arm trained in the same harness ({@code cfg.harness()}) for the same epochs with
 * seeds {@code cfg.seed()}, {@code cfg.seed() + 1}, ... Runs go seed by seed with the arms interleaved, so a
 * machine that gets busier part-way slows every arm alike and the time per epoch stays comparable. Blocking.
 */
public final class AbStudy {

    private AbStudy() {
    }

    /**
     * The arms for a block: the design, its plain counterpart and, with {@code ablations}, each branch kind
     * removed in turn.
     *
     * @throws IllegalArgumentException for a whole network, which has no plain counterpart
     */
    public static List<Arm> armsFor(Graph block, boolean ablations) {
        return armsFor(block, ablations ? Ablations.Mode.REMOVAL : Ablations.Mode.NONE);
    }

    /**
     * The arms for a block: the design, its plain counterpart and the ablations of {@code ablations}.
     *
     * @throws IllegalArgumentException for a whole network, which has no plain counterpart
     */
    public static List<Arm> armsFor(Graph block, Ablations.Mode ablations) {
        if (Harness.isWholeNetwork(block)) {
            throw new IllegalArgumentException("the design is a whole network: an A/B needs a block, whose plain"
                    + " counterpart is its collapsed shape");
        }
        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm("re-param", Arm.Kind.REPARAM, block));
        arms.add(new Arm("plain", Arm.Kind.PLAIN, PlainBaseline.of(block)));
        arms.addAll(Ablations.of(block, ablations));
        return arms;
    }

    /**
     * Trains every arm on {@code seeds} seeds and compares the first arm with each of the others; the data is
     * cut to {@code cfg}'s image limits first.
     */
    public static AbReport run(String designLabel, List<Arm> arms, ImageData fullData, TrainConfig cfg, int seeds,
                               AbListener listener, CancelToken cancel) {
        return run(designLabel, arms, fullData, cfg, seeds, listener, cancel, Int8Accuracy.NONE);
    }

    /** As {@link #run(String, List, ImageData, TrainConfig, int, AbListener, CancelToken)}, measuring each
     * trained run's INT8 fused accuracy with {@code int8}. */
    public static AbReport run(String designLabel, List<Arm> arms, ImageData fullData, TrainConfig cfg, int seeds,
                               AbListener listener, CancelToken cancel, Int8Accuracy int8) {
        ImageData data = TrainingSession.limit(fullData, cfg);
        if (arms.size() < 2) {
            throw new IllegalArgumentException("an A/B needs two arms, got " + arms.size());
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
        long start = System.nanoTime();
        Map<Arm, List<SeedResult>> results = new LinkedHashMap<>();
        arms.forEach(a -> results.put(a, new ArrayList<>()));
        List<Long> seedList = new ArrayList<>();
        int index = 0;
        for (int s = 0; s < seeds && !cancel.isCancelled(); s++) {
            long seed = cfg.seed() + s;
            seedList.add(seed);
            for (Arm arm : arms) {
                if (cancel.isCancelled()) {
                    break;
                }
                listener.onRun(++index, seeds * arms.size(), arm.label(), seed);
                SeedResult r = trainOnce(arm, data, cfg.withSeed(seed), listener, cancel, int8);
                results.get(arm).add(r);
                listener.onResult(arm.label(), r);
            }
        }
        List<ArmResult> armResults = new ArrayList<>();
        results.forEach((arm, rs) -> armResults.add(new ArmResult(arm.label(), arm.kind(), rs)));
        List<Comparison> comparisons = new ArrayList<>();
        ArmResult reference = armResults.get(0);
        for (ArmResult other : armResults.subList(1, armResults.size())) {
            if (!reference.seeds().isEmpty() && !other.seeds().isEmpty()) {
                comparisons.add(new Comparison(reference.label(), other.label(),
                        Difference.welch(reference.accuracy(), other.accuracy())));
            }
        }
        return new AbReport(designLabel, data.name(), data.train().count(), data.test().count(),
                cfg.harness().layout().name().toLowerCase(Locale.ROOT), cfg.epochs(), seedList, armResults,
                comparisons, (System.nanoTime() - start) / 1e9);
    }

    /** Trains {@code arm} once with {@code cfg}'s seed and epochs. */
    public static SeedResult trainOnce(Arm arm, ImageData data, TrainConfig cfg, AbListener listener,
                                       CancelToken cancel) {
        return trainOnce(arm, data, cfg, listener, cancel, Int8Accuracy.NONE);
    }

    /** Trains {@code arm} once and, unless it diverged or was cancelled, measures its INT8 accuracy. */
    public static SeedResult trainOnce(Arm arm, ImageData data, TrainConfig cfg, AbListener listener,
                                       CancelToken cancel, Int8Accuracy int8) {
        TensorShape input = TensorShape.spatial(data.train().channels(), data.train().height(), data.train().width());
        Graph harness = Harness.build(arm.design(), input, data.numClasses(), cfg.harness());
        TrainingRun run = TrainingLoop.train(arm.label(), harness, data, cfg.withOnline(false), listener.training(),
                cancel);
        List<Double> curve = run.epochs().stream().map(EpochMetrics::testAccuracy).toList();
        double seconds = run.epochs().stream().mapToDouble(EpochMetrics::seconds).average().orElse(Double.NaN);
        double accuracy = curve.isEmpty() ? 0 : curve.get(curve.size() - 1);
        double int8Top1 = run.status() == org.repstudio.core.train.RunStatus.COMPLETED ? int8.top1(run, data)
                : Double.NaN;
        return new SeedResult(cfg.seed(), run.status(), accuracy, curve, seconds, int8Top1);
    }
}
