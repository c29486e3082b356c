package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.engine.GraphRunner;
import org.repstudio.core.engine.OnlineRegion;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * OREPA trained online through the training loop: the deploy conv fused offline from the trained branch
 * weights gives what the online block computes, training moves every branch parameter, and the online run
 * follows the offline one step for step.
 */
class OnlineTrainingTest {

    private static final ImageData DATA = GeneratedShapes.generate(5, 256, 64);
    private static final Graph OREPA = HarnessTest.sample("orepa.json");

    private static Graph harness() {
        return Harness.build(OREPA, TensorShape.spatial(1, 32, 32), DATA.numClasses(), new HarnessSpec(2, 2));
    }

    private static TrainConfig config(boolean online) {
        return TrainConfig.defaults().withBatchSize(32).withWeightDecay(0).withOnline(online);
    }

    @Test
    void deployConvFromTrainedBranchesEqualsTheOnlineBlock() {
        Graph h = harness();
        TrainingRun run = TrainingLoop.train("online", h, DATA, config(true), TrainingListener.NONE, new CancelToken());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertTrue(run.config().online());

        // every branch parameter moved (no weight decay here: only gradients move them)
        Weights start = InitialWeights.draw(h, config(true).seed());
        for (OnlineRegion r : OnlineRegion.all(h)) {
            for (String id : r.members()) {
                run.weights().of(id).forEach((name, t) -> assertTrue(maxAbsDiff(t, start.get(id, name)) > 0,
                        "training never moved " + id + "." + name));
            }
        }

        FusionTrace t = FusionPlanner.fuse(h, run.weights(), false);
        assertTrue(t.exact());
        Tensor x = Equivalence.standardNormal(new long[] {8, 1, 32, 32}, 9);
        Tensor online = GraphRunner.runOnline(h, run.weights(), x);
        Tensor deploy = GraphRunner.run(t.fused(), t.fusedWeights(), x);
        Comparison c = Equivalence.compareOutputs(online, deploy);
        assertTrue(c.maxRelDiff() <= 1e-6, "online block vs offline fusion of its trained branches: " + c);
    }

    @Test
    void onlineRunFollowsTheOfflineRun() {
        TrainConfig cfg = config(false).withLimits(96, 32);
        TrainingRun offline = TrainingLoop.train("offline", harness(), DATA, cfg, TrainingListener.NONE,
                new CancelToken());
        TrainingRun online = TrainingLoop.train("online", harness(), DATA, cfg.withOnline(true), TrainingListener.NONE,
                new CancelToken());
        // the first steps match closely (the same function, float32 sums in another order)
        for (int i = 0; i < 3; i++) {
            double a = offline.stepLosses().get(i);
            double b = online.stepLosses().get(i);
            assertTrue(Math.abs(a - b) <= 1e-3 * Math.abs(a), "step " + i + ": offline " + a + ", online " + b);
        }
    }

    @Test
    void sessionRefusesNonOrepaDesignsBeforeTraining() {
        Graph repvgg = HarnessTest.sample("repvgg-s1.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSession.run("r", repvgg,
                DATA, config(true), false, TrainingListener.NONE, new CancelToken()));
        assertTrue(e.getMessage().contains("'add'"), e.getMessage());
        assertTrue(Set.of("bn3x3", "bn1x1", "bn_id").stream().anyMatch(id -> e.getMessage().contains("'" + id + "'")),
                e.getMessage());
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < a.data().length; i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
