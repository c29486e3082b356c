package org.repstudio.core.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.io.SampleCatalog;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.GeneratedShapes;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.Int8Evaluation;
import org.repstudio.core.train.Int8Evaluation.Outcome;
import org.repstudio.core.train.Provenance;
import org.repstudio.core.train.RunStatus;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainReport;
import org.repstudio.core.train.TrainingListener;
import org.repstudio.core.train.TrainingRun;

/**
 * Training's INT8 step for real: a RepVGG block trained a little, then float unfused, float fused and INT8 fused
 * run by ONNX Runtime on the test split; and the steps that cannot measure say why without throwing.
 */
class TrainedInt8Test {

    private static final ImageData DATA = GeneratedShapes.generate(5, 192, 256);
    private static final FusionOptions LINEAR = new FusionOptions(false, false, 0);

    @TempDir
    Path tmp;

    @Test
    void trainingEvaluatesFloatAndInt8InOnnxRuntimeAndTheProvenanceKeepsIt() throws Exception {
        LoadedDesign d = LoadedDesign.of(SampleCatalog.find("repvgg-s1.json").orElseThrow().design(),
                tmp.resolve("repvgg-s1.json"), 7);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(32).withHarness(new HarnessSpec(1, 2));
        TrainReport r = DesignTraining.run(d, DATA, cfg, false, TrainingListener.NONE, new CancelToken(), true);
        assertEquals(RunStatus.COMPLETED, r.run().status());
        Int8Evaluation e = r.int8();
        assertEquals(Outcome.MEASURED, e.outcome(), e.reason());
        assertEquals(DATA.test().count(), e.images());
        // ONNX Runtime's float models classify as DJL's did (float32 round-off may flip a near tie)
        assertEquals(r.collapse().accuracyUnfused(), e.floatUnfusedTop1(), 2.0 / e.images());
        assertEquals(r.collapse().accuracyFused(), e.floatFusedTop1(), 2.0 / e.images());
        assertTrue(e.int8Top1() >= 0 && e.int8Top1() <= 1, e.toString());
        assertTrue(e.agreement() > 0.5 && e.agreement() <= 1, e.toString());
        assertTrue(e.integerConvs() >= 2, "stem and block run as integer convs: " + e);
        assertEquals(Math.min(256, DATA.train().count()), e.calibrationImages(), "up to 8 batches of 32 training images");
        assertTrue(e.floatMedianMs() > 0 && e.int8MedianMs() > 0 && e.latencyThreads() == 2, e.toString());

        JsonNode saved = new ObjectMapper().readTree(Provenance.toJson(r, "0", "test").toString());
        JsonNode int8 = saved.path("results").path("int8");
        assertEquals("measured", int8.path("outcome").asText());
        assertEquals(e.int8Top1(), int8.path("accuracyInt8Fused").asDouble(), 0);
        assertEquals(e.speedup(), int8.path("int8Speedup").asDouble(), 1e-12);
        assertEquals(e.int8Top1(), TrainedInt8.int8Top1(r.run(), DATA, LINEAR), 0,
                "the A/B's INT8-only path measures the same model on the same images");

        TrainReport off = DesignTraining.run(d, DATA.limit(64, 32), cfg, false, TrainingListener.NONE,
                new CancelToken(), false);
        assertEquals(null, off.int8(), "--no-int8-eval skips the step");
        assertTrue(Provenance.toJson(off, "0", "test").path("results").path("int8").isMissingNode());
    }

    @Test
    void aModelWithNothingFusedHasNothingToQuantize() {
        Graph g = classifier(new GraphBuilder().input("in", 1, 32, 32).conv("conv", "in", 4, 3, 1, 1, 1), "conv");
        Int8Evaluation e = TrainedInt8.evaluate(run(g), DATA, LINEAR);
        assertEquals(Outcome.NOTHING_TO_QUANTIZE, e.outcome());
        assertEquals("nothing was fused", e.reason());
        assertTrue(Double.isNaN(e.int8Top1()));
        assertTrue(Double.isNaN(TrainedInt8.int8Top1(run(g), DATA, LINEAR)));
    }

    @Test
    void aFailingStepIsAnOutcomeWithItsCauseNotAnException() {
        // a harness for 3-channel 24x24 images evaluated on 1-channel 32x32 ones: the calibration cannot run
        Graph g = classifier(new GraphBuilder().input("in", 3, 24, 24).convBn("c", "in", 4, 3, 1, 1, 1), "c_bn");
        Int8Evaluation e = TrainedInt8.evaluate(run(g), DATA, LINEAR);
        assertEquals(Outcome.FAILED, e.outcome());
        assertTrue(e.reason().contains("[3, 24, 24]") && e.reason().contains("[1, 32, 32]"), e.reason());
    }

    /** {@code b} then ReLU, global pooling and a linear head of 8 classes on {@code last}. */
    private static Graph classifier(GraphBuilder b, String last) {
        return b.add("relu", new Op.Relu(), last).add("pool", new Op.GlobalAvgPool(), "relu")
                .add("flat", new Op.Flatten(), "pool").add("head", new Op.Linear(8, true), "flat")
                .output("out", "head").build();
    }

    private static TrainingRun run(Graph g) {
        return new TrainingRun("t", g, TrainConfig.defaults(), DATA.name(), RunStatus.COMPLETED, "", List.of(1.0),
                List.of(), RandomWeights.generate(g, 1), 0, 0, "cpu", null);
    }
}
