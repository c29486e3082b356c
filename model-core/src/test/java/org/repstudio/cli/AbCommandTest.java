package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repstudio ab}: a tiny real run's JSON and provenance, and the refusals. */
class AbCommandTest {

    @Test
    void aOneSeedRunReportsEveryArmAndSaysItHasNoInterval(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("repvgg.json");
        Files.copy(CliTest.SAMPLES.resolve("repvgg-s1.json"), design);
        CliRun r = CliRun.of("ab", design.toString(), "--seeds", "1", "--epochs", "1", "--batch", "32",
                "--max-train", "96", "--max-test", "64", "--stages", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(5, json.get("arms").size(), "re-param, plain and three ablations");
        assertEquals("plain", json.get("arms").get(1).get("label").asText());
        assertEquals(1, json.get("arms").get(0).get("runs").size());
        assertEquals(4, json.get("comparisons").size());
        assertEquals("too_few_seeds", json.get("comparisons").get(0).get("verdict").asText());
        JsonNode saved = new ObjectMapper().readTree(dir.resolve("repvgg.ab-provenance.json").toFile());
        assertEquals(json.get("arms"), saved.get("arms"));

        CliRun two = CliRun.of("ab", design.toString(), "--seeds", "1", "--epochs", "1", "--batch", "32",
                "--max-train", "64", "--max-test", "32", "--stages", "1", "--no-ablations", "--no-save");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("plain") && !two.out().contains("without"), two.out());
        assertTrue(two.out().contains("one seed: no interval"), two.out());
    }

    @Test
    void withInt8EveryRunCarriesItsInt8AccuracyBesideTheFloatOne(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("qa.json");
        Files.copy(CliTest.SAMPLES.resolve("qarepvgg.json"), design);
        CliRun r = CliRun.of("ab", design.toString(), "--int8", "--seeds", "2", "--epochs", "1", "--batch", "32",
                "--max-train", "96", "--max-test", "64", "--stages", "1", "--no-ablations", "--json", "--no-save");
        assertEquals(0, r.code(), r.err());
        JsonNode arms = new ObjectMapper().readTree(r.out()).get("arms");
        for (JsonNode arm : arms) {
            double mean = arm.get("meanInt8Accuracy").asDouble();
            assertTrue(mean >= 0 && mean <= 1, arm.toString());
            for (JsonNode run : arm.get("runs")) {
                double q = run.get("int8TestAccuracy").asDouble();
                // 64 test images: INT8 may move a few predictions, not the whole model
                assertTrue(Math.abs(q - run.get("testAccuracy").asDouble()) <= 0.25, run.toString());
            }
        }
        assertTrue(r.err().contains(", INT8 "), r.err());

        CliRun table = CliRun.of("ab", design.toString(), "--int8", "--seeds", "1", "--epochs", "1", "--batch", "32",
                "--max-train", "64", "--max-test", "32", "--stages", "1", "--no-ablations", "--no-save");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().lines().anyMatch(l -> l.contains("INT8")), table.out());
    }

    @Test
    void aWholeNetworkAndAnUnknownHarnessAreRefused() {
        CliRun net = CliRun.of("ab", CliTest.SAMPLES.resolve("networks/repvgg-a0.json").toString(), "--no-save");
        assertEquals(2, net.code());
        assertTrue(net.err().contains("whole network"), net.err());
        CliRun bad = CliRun.of("ab", CliTest.SAMPLES.resolve("repvgg-s1.json").toString(), "--harness", "tall");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--harness"), bad.err());
        CliRun ablation = CliRun.of("ab", CliTest.SAMPLES.resolve("repvgg-s1.json").toString(), "--ablation", "some",
                "--no-save");
        assertEquals(2, ablation.code());
        assertTrue(ablation.err().contains("--ablation 'some' is not one of removal, cumulative, none"), ablation.err());
    }
}
