package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.SampleCatalog;

/**
 * An A/B study trains many models in one process ({@code core.ab}): each training run, offline or OREPA
 * online, must hand back every native array it made (parameters, momentum, border masks, step temporaries),
 * or a long study grows run after run.
 */
class RunLeavesNothingTest {

    private static final Graph DBB = SampleCatalog.find("dbb-k3-s1-g1.json").orElseThrow().design().graph();
    private static final Graph OREPA = SampleCatalog.find("orepa.json").orElseThrow().design().graph();

    @Test
    void trainingRunsLeaveNoArraysBehind() {
        ImageData data = GeneratedShapes.generate(7, 32, 16);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(16);
        train(DBB, data, cfg); // the first run loads the engine and whatever it keeps for the process
        int before = liveArrays();
        for (int run = 0; run < 3; run++) {
            train(DBB, data, cfg);
            train(OREPA, data, cfg.withOnline(true));
            train(PlainBaseline.of(DBB), data, cfg.withOptimizer(TrainConfig.OptimizerKind.ADAM, 0.002));
        }
        assertEquals(before, liveArrays(), "native arrays still held after 9 more training runs");
    }

    /** A DBB step used to leave its bias pads' products in the model's manager, 5 MB more each step. */
    @Test
    void stepsLeaveNothingBehindWithinARun() {
        ImageData data = GeneratedShapes.generate(7, 64, 8);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(8);
        for (TrainConfig c : List.of(cfg, cfg.withOnline(true))) {
            List<Integer> live = new ArrayList<>();
            TrainingListener count = new TrainingListener() {
                @Override
                public void onBatch(BatchProgress progress) {
                    live.add(liveArrays());
                }
            };
            TrainingLoop.train("steps", TrainSpeed.harness(c.online() ? OREPA : DBB), data, c, count,
                    new CancelToken());
            assertEquals(8, live.size());
            assertEquals(Collections.nCopies(6, live.get(1)), live.subList(2, 8),
                    "arrays alive after each step (online: " + c.online() + "): " + live);
        }
    }

    @Test
    void theProbeSeesAnArrayLeftOpen() {
        int before = liveArrays();
        try (NDManager m = NDManager.newBaseManager(); NDManager step = m.newSubManager()) {
            step.zeros(new Shape(3));
            assertEquals(before + 1, liveArrays());
        }
        assertEquals(before, liveArrays());
    }

    private static void train(Graph design, ImageData data, TrainConfig cfg) {
        TrainingRun run = TrainingLoop.train("leak", TrainSpeed.harness(design), data, cfg, TrainingListener.NONE,
                new CancelToken());
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
    }

    /** Arrays alive under DJL's system manager, the root of every manager. */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }
}
