package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.SampleCatalog;

/**
 * Speed work on the training step must not change what training computes: the step losses of seeded runs
 * match the ones recorded before that work ({@code golden-losses.json}, recorded from the loop as it was
 * on main) within float noise. Run with {@code -Drepstudio.recordGoldenLosses=true} to record them again.
 */
class GoldenLossesTest {

    private static final String FIXTURE = "golden-losses.json";
    /** Float32 noise from a different order of the same arithmetic, compounded over the steps. */
    private static final double TOLERANCE = 2e-4;
    private static final int STEPS = 12;
    private static final int BATCH = 32;

    static Stream<Arguments> runs() {
        TrainConfig sgd = TrainConfig.defaults().withBatchSize(BATCH);
        TrainConfig adam = sgd.withOptimizer(TrainConfig.OptimizerKind.ADAM, 0.002)
                .withSchedule(TrainConfig.Schedule.STEP);
        return Stream.of(
                Arguments.of("repvgg-sgd", sample("repvgg-s1.json"), sgd),
                Arguments.of("dbb-sgd", sample("dbb-k3-s1-g1.json"), sgd),
                Arguments.of("plain-sgd", PlainBaseline.of(sample("repvgg-s1.json")), sgd),
                Arguments.of("orepa-online-sgd", sample("orepa.json"), sgd.withOnline(true)),
                Arguments.of("repvgg-adam", sample("repvgg-s1.json"), adam));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void stepLossesMatchTheRecordedOnes(String name, Graph design, TrainConfig cfg) throws IOException {
        ImageData data = GeneratedShapes.generate(cfg.seed(), STEPS * BATCH, BATCH);
        TrainingRun run = TrainingLoop.train(name, TrainSpeed.harness(design), data, cfg, TrainingListener.NONE,
                new CancelToken());
        List<Double> losses = run.stepLosses();
        assertEquals(STEPS, losses.size(), run.message());
        if (Boolean.getBoolean("repstudio.recordGoldenLosses")) {
            record(name, losses);
            return;
        }
        List<Double> golden = golden(name);
        for (int i = 0; i < STEPS; i++) {
            assertEquals(golden.get(i), losses.get(i), TOLERANCE, name + " step " + i + ": golden " + golden
                    + ", now " + losses);
        }
    }

    private static Graph sample(String file) {
        return SampleCatalog.find(file).orElseThrow().design().graph();
    }

    private static List<Double> golden(String name) throws IOException {
        try (InputStream in = GoldenLossesTest.class.getResourceAsStream(FIXTURE)) {
            JsonNode runs = new ObjectMapper().readTree(in);
            List<Double> out = new ArrayList<>();
            runs.get(name).forEach(v -> out.add(v.asDouble()));
            return out;
        }
    }

    /** Writes into the source tree (surefire runs in the module directory). */
    private static synchronized void record(String name, List<Double> losses) throws IOException {
        Path file = Path.of("src/test/resources/org/repstudio/core/train", FIXTURE);
        ObjectMapper m = new ObjectMapper();
        ObjectNode all = Files.exists(file) ? (ObjectNode) m.readTree(file.toFile()) : m.createObjectNode();
        var array = all.putArray(name);
        losses.forEach(array::add);
        Files.createDirectories(file.getParent());
        Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
