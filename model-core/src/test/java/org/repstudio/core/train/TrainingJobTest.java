package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A session on a worker thread, cancelled from the test thread as a UI would. */
class TrainingJobTest {

    @Test
    void cancelFromAnotherThreadEndsWithAConsistentModel() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        CountDownLatch firstStep = new CountDownLatch(1);
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                firstStep.countDown();
            }
        };
        try {
            TrainConfig cfg = TrainConfig.defaults().withBatchSize(16).withEpochs(50)
                    .withHarness(new HarnessSpec(1, 2));
            var design = HarnessTest.sample("repvgg-s1.json");
            TrainingJob job = TrainingJob.start(worker, () -> TrainingLoopTest.TINY, (data, token) ->
                    TrainingSession.run("job", design, data, cfg, true, l, token));
            assertTrue(firstStep.await(60, TimeUnit.SECONDS), "training started");
            job.cancel();
            TrainReport r = job.result().get(60, TimeUnit.SECONDS);
            assertEquals(RunStatus.CANCELLED, r.run().status());
            assertTrue(r.run().stepLosses().size() < 50 * 8, "stopped early");
            assertNotNull(r.collapse(), "a cancelled model still evaluates and fuses");
            assertTrue(r.collapse().predictionAgreement() >= 0.999);
            assertEquals(null, r.plain(), "no baseline after a cancel");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aBadDatasetFailsTheResult() {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            var design = HarnessTest.sample("repvgg-s1.json");
            TrainingJob job = TrainingJob.start(worker, () -> DataSpec.parse("cifar10:/no/such/dir").load(1),
                    (data, token) -> TrainingSession.run("bad", design, data, TrainConfig.defaults(), false,
                            TrainingListener.NONE, token));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> job.result().get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof DatasetException);
            assertTrue(e.getCause().getMessage().contains("/no/such/dir"), e.getCause().getMessage());
        } finally {
            worker.shutdownNow();
        }
    }
}
