package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After (short) training, the fused model classifies the test split like the unfused one: accuracy
 * within 0.1 percentage point and at least 99.9% identical predictions, for each method's sample block.
 */
class CollapseAfterTrainingTest {

    static final ImageData DATA = GeneratedShapes.generate(5, 192, 256);

    @ParameterizedTest
    @ValueSource(strings = {"repvgg-s1.json", "acb-k3.json", "dbb-k3-s1-g1.json", "mobileone.json"})
    void fusedAgreesWithUnfused(String sample) {
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withHarness(new HarnessSpec(1, 2));
        TrainReport r = TrainingSession.run(sample, HarnessTest.sample(sample), DATA, cfg, false,
                TrainingListener.NONE, new CancelToken());
        assertEquals(RunStatus.COMPLETED, r.run().status());
        Collapse c = r.collapse();
        assertTrue(c.exact(), sample + " fuses exactly");
        assertTrue(Math.abs(c.accuracyDeltaPoints()) <= 0.1, sample + ": " + c);
        assertTrue(c.predictionAgreement() >= 0.999, sample + ": " + c);
        assertTrue(c.nodesFused() < c.nodesUnfused());
        assertTrue(c.maxLogitRelDiff() < 1e-5, sample + ": " + c);
        assertTrue(c.latencyFusedMs() > 0 && c.latencyUnfusedMs() > 0);
    }
}
