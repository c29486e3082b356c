package org.repstudio.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.train.TinyRuns;
import org.repstudio.app.train.TrainingViewModel;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.WeightsSource;
import org.repstudio.core.io.DesignIO;

/**
 * Training a bundled sample in the app writes nothing into {@code samples/}: the run goes to the user's folder,
 * File &gt; Samples still lists only designs (a record an older version left there is skipped), and the sample
 * opens again with its trained weights.
 */
class SamplesAfterTrainingTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("repstudio.home");
        System.clearProperty("repstudio.state");
    }

    @Test
    void aTrainedSampleLeavesOnlyDesignsInTheSamplesMenu() throws Exception {
        Path home = tmp.resolve("home");
        Path samples = Files.createDirectories(home.resolve("samples"));
        Files.copy(Path.of("..", "samples", "repvgg-s1.json"), samples.resolve("repvgg-s1.json"));
        Files.copy(Path.of("..", "samples", "acb-k3.json"), samples.resolve("acb-k3.json"));
        Files.writeString(samples.resolve("old.train.json"), "{\"format\": \"repstudio-train-run\"}");
        System.setProperty("repstudio.home", home.toString());
        System.setProperty("repstudio.state", tmp.resolve("state").toString());
        AppPaths paths = AppPaths.fromSystem();

        Path sample = samples.resolve("repvgg-s1.json");
        try (TrainingViewModel vm = TinyRuns.trainInApp(sample)) {
            assertTrue(vm.messageProperty().get().contains(tmp.resolve("state").toString()), vm.messageProperty().get());
        }
        try (Stream<Path> files = Files.list(samples)) {
            assertEquals(List.of("acb-k3.json", "old.train.json", "repvgg-s1.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written into samples/");
        }
        assertEquals(List.of("acb-k3", "repvgg-s1"), paths.sampleFiles().stream().map(paths::sampleLabel).toList());
        assertTrue(Files.exists(tmp.resolve("state/runs/samples/repvgg-s1.trained-block.rsw")));
        LoadedDesign again = LoadedDesign.of(DesignIO.read(sample), sample, LoadedDesign.DEFAULT_SEED);
        assertTrue(again.source() instanceof WeightsSource.TrainedRun, again.source().describe());
    }
}
