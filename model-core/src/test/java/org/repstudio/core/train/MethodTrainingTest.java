package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;

/**
 * Seed methods whose training needed more than the block harness: RepMLP's flat-output block trains
 * behind a strided stem with a linear head (its FC keeps its size), and RMNet's trained network collapses
 * with residual removal, exactly, when the session fuses with the design method's options.
 */
class MethodTrainingTest {

    private static final ImageData DATA = GeneratedShapes.generate(5, 128, 64);

    private static TrainConfig quick() {
        return TrainConfig.defaults().withBatchSize(32);
    }

    @Test
    void repmlpBlockGetsAStemAndAHeadAndKeepsItsFc() {
        Graph repmlp = HarnessTest.sample("repmlp.json");
        assertTrue(Harness.isFlatBlock(repmlp));
        assertFalse(Harness.isFlatBlock(HarnessTest.sample("repvgg-s1.json")));
        Graph h = Harness.build(repmlp, TensorShape.spatial(1, 32, 32), 8, HarnessSpec.DEFAULT);
        assertEquals(512, ((Op.Linear) h.node("b1_fc").op()).outFeatures(), "the block's FC keeps its size");
        assertEquals(8, ((Op.Linear) h.node("head").op()).outFeatures());
        assertEquals(4, ((Op.Conv) h.node("stem").op()).strideH(), "32x32 images to the block's 8x8");

        TrainReport r = TrainingSession.run("repmlp", repmlp, DATA, quick(), false, TrainingListener.NONE,
                new CancelToken(), FusionOptions.forMethod("RepMLP", false));
        assertEquals(RunStatus.COMPLETED, r.run().status());
        assertTrue(r.collapse().exact());
        assertEquals(1.0, r.collapse().predictionAgreement());
    }

    @Test
    void rmnetCollapsesExactlyWithItsResidualRemoval() {
        Graph rmnet = HarnessTest.sample("rmnet-resblocks.json");
        TrainReport r = TrainingSession.run("rmnet", rmnet, DATA, quick(), false, TrainingListener.NONE,
                new CancelToken(), FusionOptions.forMethod("RMNet", false));
        assertTrue(r.collapse().exact(), "residual blocks removed after training");
        assertEquals(1.0, r.collapse().predictionAgreement());
        Collapse plain = TrainingSession.collapse(r.run(), DATA, ai.djl.Device.cpu(), null);
        assertFalse(plain.exact(), "without RMNet's rewrite the residual adds are refused");
    }
}
