package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.WeightsSource;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/**
 * Trained weights belong to the block: after {@code train}, {@code verify}, {@code fuse} and {@code export} of the
 * same design file run on the trained block's weights without flags and say so; a bundled sample's outputs go to
 * the user's folder and leave {@code samples/} with designs only.
 */
class TrainedWeightsFlowTest {

    private static final String[] TINY = {"--epochs", "1", "--copies", "1", "--batch", "32", "--max-train", "128",
        "--max-test", "64"};

    @TempDir
    Path tmp;

    @AfterEach
    void clearFolders() {
        System.clearProperty("repstudio.home");
        System.clearProperty("repstudio.state");
    }

    private static CliRun train(Path design) {
        String[] args = Stream.concat(Stream.of("train", design.toString()), Stream.of(TINY)).toArray(String[]::new);
        return CliRun.of(args);
    }

    @Test
    void verifyFuseAndExportUseTheTrainedBlockOfTheSameFile() throws Exception {
        Path design = tmp.resolve("my-block.json");
        Files.copy(CliTest.SAMPLES.resolve("repvgg-s1.json"), design);
        CliRun before = CliRun.of("verify", design.toString(), "--json");
        assertEquals("random", new ObjectMapper().readTree(before.out()).get("weights").asText());

        CliRun t = train(design);
        assertEquals(0, t.code(), t.err());
        Path block = tmp.resolve("my-block.trained-block.rsw");
        assertTrue(Files.exists(block), t.out());

        JsonNode v = new ObjectMapper().readTree(CliRun.of("verify", design.toString(), "--json").out());
        assertEquals("trained", v.get("weights").asText());
        assertTrue(v.get("weightsSource").asText().startsWith("trained run of "), v.toString());
        assertTrue(v.get("exact").asBoolean());

        Path fused = tmp.resolve("fused.json");
        CliRun f = CliRun.of("fuse", design.toString(), "-o", fused.toString(), "-q");
        assertEquals(0, f.code(), f.err());
        assertTrue(f.err().contains("weights: trained run of"), f.err());
        Graph g = DesignIO.read(design).graph();
        Weights trained = WeightsIO.read(block);
        FusionTrace expected = FusionPlanner.fuse(g, trained, false);
        Weights written = WeightsIO.read(tmp.resolve("fused.rsw"));
        String conv = expected.fused().nodes().values().stream().filter(n -> n.op() instanceof Op.Conv)
                .findFirst().orElseThrow().id();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.fusedWeights().get(conv, "weight").toFloats(),
                written.get(conv, "weight").toFloats(), "fused from the trained block's weights");

        CliRun e = CliRun.of("export", design.toString(), "--fused", "-o", tmp.resolve("m.onnx").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("weights: trained run of"), e.err());

        // an edited graph no longer takes the weights trained for the old one
        Node c = g.nodes().values().stream().filter(n -> n.op() instanceof Op.BatchNorm).findFirst().orElseThrow();
        DesignFile d = DesignIO.read(design);
        DesignIO.write(design, d.withGraph(g.withNode(new Node(c.id(), new Op.BatchNorm(1e-3)))));
        LoadedDesign edited = LoadedDesign.read(design, 7, java.util.Optional.empty(), false);
        assertEquals(new WeightsSource.Random(7, false, ""), edited.source());
    }

    @Test
    void aTrainedSampleKeepsItsOutputsInTheUsersFolderAndSamplesListsOnlyDesigns() throws Exception {
        Path home = tmp.resolve("home");
        Path samples = Files.createDirectories(home.resolve("samples"));
        Path state = tmp.resolve("state");
        Files.copy(CliTest.SAMPLES.resolve("repvgg-s1.json"), samples.resolve("repvgg-s1.json"));
        Files.copy(CliTest.SAMPLES.resolve("acb-k3.json"), samples.resolve("acb-k3.json"));
        // a record an older version left in samples/ is passed over, not a failure
        Files.writeString(samples.resolve("old.train.json"), "{\"format\": \"repstudio-train-run\"}");
        System.setProperty("repstudio.home", home.toString());
        System.setProperty("repstudio.state", state.toString());

        CliRun t = train(samples.resolve("repvgg-s1.json"));
        assertEquals(0, t.code(), t.err());
        try (Stream<Path> files = Files.list(samples)) {
            assertEquals(List.of("acb-k3.json", "old.train.json", "repvgg-s1.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written into samples/");
        }
        Path runs = state.resolve("runs").resolve("samples");
        assertTrue(Files.exists(runs.resolve("repvgg-s1.train.json")), t.out());
        assertTrue(Files.exists(runs.resolve("repvgg-s1.trained-block.rsw")));

        CliRun list = CliRun.of("samples");
        assertEquals(0, list.code(), list.err());
        assertEquals(2, list.out().lines().count(), list.out());
        assertFalse(list.out().contains("train"), list.out());
        assertTrue(list.err().contains("skipped samples/old.train.json"), list.err());

        CliRun v = CliRun.of("verify", samples.resolve("repvgg-s1.json").toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("weights trained run of"), v.out());
    }
}
