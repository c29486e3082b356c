package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;

/** Short real runs on DJL: learning, reproducibility, cancellation, divergence, device fallback. */
class TrainingLoopTest {

    static final ImageData SMALL = GeneratedShapes.generate(3, 640, 160);
    static final ImageData TINY = SMALL.limit(128, 64);

    static Graph harness() {
        return Harness.build(HarnessTest.sample("repvgg-s1.json"), TensorShape.spatial(1, 32, 32), 8,
                new HarnessSpec(1, 2));
    }

    @Test
    void learnsAndReportsProgress() {
        List<BatchProgress> seen = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                seen.add(p);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                epochs.add(m);
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withEpochs(2).withBatchSize(32).withOptimizer(
                TrainConfig.OptimizerKind.SGD, 0.1);
        TrainingRun run = TrainingLoop.train("t", harness(), SMALL, cfg, l, new CancelToken());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(40, seen.size());
        assertEquals(2, epochs.size());
        assertEquals(1.0, seen.get(39).fraction());
        assertEquals(0.0, seen.get(39).etaSeconds());
        assertTrue(seen.get(0).learningRate() > seen.get(39).learningRate(), "cosine schedule decays");
        assertTrue(run.imagesPerSecond() > 0);
        assertTrue(epochs.get(1).trainLoss() < epochs.get(0).trainLoss(), "loss falls: " + epochs);
        assertTrue(run.lastTestAccuracy() > 0.15, "above chance (0.125): " + run.lastTestAccuracy());

        RunHistory history = new RunHistory();
        history.add(run);
        assertEquals(run, history.best().orElseThrow());
        assertEquals(1, history.all().size());
    }

    @Test
    void sameSeedSameRun() {
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withSchedule(TrainConfig.Schedule.STEP)
                .withOptimizer(TrainConfig.OptimizerKind.ADAM, 0.003);
        TrainingRun a = TrainingLoop.train("a", harness(), TINY, cfg, TrainingListener.NONE, new CancelToken());
        TrainingRun b = TrainingLoop.train("b", harness(), TINY, cfg, TrainingListener.NONE, new CancelToken());
        assertEquals(a.stepLosses().size(), b.stepLosses().size());
        for (int i = 0; i < a.stepLosses().size(); i++) {
            assertEquals(a.stepLosses().get(i), b.stepLosses().get(i), 1e-4, "step " + i);
        }
    }

    @Test
    void cancelStopsBetweenStepsWithConsistentWeights() {
        CancelToken token = new CancelToken();
        TrainingListener cancelAfterTwo = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.step() == 2) {
                    token.cancel(); // as a UI thread would, mid-run
                }
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withEpochs(3);
        TrainingRun run = TrainingLoop.train("c", harness(), TINY, cfg, cancelAfterTwo, token);
        assertEquals(RunStatus.CANCELLED, run.status());
        assertEquals(2, run.stepLosses().size());
        assertTrue(run.message().contains("cancelled at epoch 1, batch 3"), run.message());
        // the weights are a complete, finite model that still runs and fuses
        run.weights().byNode().values().forEach(p -> p.values().forEach(t -> {
            for (double v : t.data()) {
                assertTrue(Double.isFinite(v));
            }
        }));
        Collapse c = TrainingSession.collapse(run, TINY, ai.djl.Device.cpu(), null);
        assertEquals(1.0, c.predictionAgreement(), 1e-9);
    }

    @Test
    void divergingLossStopsWithAMessage() {
        List<String> notices = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onNotice(String message) {
                notices.add(message);
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withEpochs(3).withOptimizer(
                TrainConfig.OptimizerKind.SGD, 1e4).withWeightDecay(0);
        TrainingRun run = TrainingLoop.train("d", harness(), TINY, cfg, l, new CancelToken());
        assertEquals(RunStatus.DIVERGED, run.status());
        assertTrue(run.message().contains("lower learning rate"), run.message());
        assertEquals(List.of(run.message()), notices);
    }

    @Test
    void engineCatalogListsPyTorchWithTheCpu() {
        var pytorch = EngineCatalog.list().stream().filter(e -> e.name().equals("PyTorch")).findFirst().orElseThrow();
        assertTrue(pytorch.available(), String.valueOf(pytorch.problem()));
        assertEquals("cpu", pytorch.devices().get(0));
        assertEquals("PyTorch", EngineCatalog.defaultEngine());
    }

    @Test
    void missingGpuFallsBackToCpuWithANotice() {
        List<String> notices = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onNotice(String message) {
                notices.add(message);
            }
        };
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(64).withDevice("gpu7", null);
        TrainingRun run = TrainingLoop.train("g", harness(), TINY, cfg, l, new CancelToken());
        assertNotNull(run.deviceNotice());
        assertTrue(run.deviceNotice().contains("'gpu7' is not available"), run.deviceNotice());
        assertTrue(run.device().startsWith("cpu"), run.device());
        assertEquals(List.of(run.deviceNotice()), notices);
    }
}
