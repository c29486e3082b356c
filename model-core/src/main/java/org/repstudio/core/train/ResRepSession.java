package org.repstudio.core.train;

import ai.djl.Device;
import java.util.Map;
import org.repstudio.core.engine.Devices;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * ResRep end to end: the harness around a design with compactors, trained with the ResRep rule, the
 * chosen rows zeroed, then fused (pruned and merged). Reports channels kept per compactor, the
 * multiply-accumulates of the deploy network before (the harness fused, no pruning) and after, and the
 * test accuracy of the trained network before pruning and of the pruned, fused one.
 */
public final class ResRepSession {

    private ResRepSession() {
    }

    /** What a ResRep run gives. */
    public record Report(TrainingRun run, double accuracyBeforePrune, double accuracyAfterPrune, long macsBefore,
                         long macsAfter, Map<String, int[]> channels, boolean exact, Graph pruned, Weights prunedWeights) {
        public double macsRemoved() {
            return 1.0 - (double) macsAfter / macsBefore;
        }
    }

    public static Report run(Graph design, ImageData fullData, TrainConfig cfg, double target, double lambda,
                             double maskedLambda, TrainingListener listener, CancelToken cancel) {
        ImageData data = TrainingSession.limit(fullData, cfg);
        TensorShape input = TensorShape.spatial(data.train().channels(), data.train().height(), data.train().width());
        Graph harness = Harness.build(design, input, data.numClasses(), cfg.harness());
        Graph withCompactors = ResRep.withCompactors(harness);
        ResRep rule = new ResRep(withCompactors, target, lambda, maskedLambda, 20);
        TrainingRun run = TrainingLoop.train("resrep", withCompactors, data, cfg, listener, cancel, rule);
        Device device = Devices.resolve(cfg.device()).device();
        int[] labels = data.test().labels();
        double before = Predictions.of(withCompactors, run.weights(), data, data.test(), device, cfg.engine(),
                TrainingSession.EVAL_BATCH).accuracy(labels);
        Weights zeroed = rule.zeroMasked(run.weights());
        FusionTrace pruned = FusionPlanner.fuse(withCompactors, zeroed,
                new FusionOptions(false, false, FusionOptions.RESREP_THRESHOLD));
        double after = Predictions.of(pruned.fused(), pruned.fusedWeights(), data, data.test(), device, cfg.engine(),
                TrainingSession.EVAL_BATCH).accuracy(labels);
        long macsBefore = Macs.of(FusionPlanner.fuse(harness, InitialWeights.draw(harness, cfg.seed()), false).fused());
        return new Report(run, before, after, macsBefore, Macs.of(pruned.fused()), rule.channels(), pruned.exact(),
                pruned.fused(), pruned.fusedWeights());
    }
}
