package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/** {@code repstudio train}: the JSON fields scripts rely on, the files written beside the design, errors. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainsFusesAndComparesWithThePlainBaseline() throws Exception {
        Path design = tmp.resolve("repvgg.json");
        Files.copy(Path.of("..", "samples", "repvgg-s1.json"), design);
        CliRun r = run("train", design.toString(), "--epochs", "1", "--copies", "1", "--batch", "32", "--max-train", "256",
                "--max-test", "128", "--baseline", "--device", "gpu3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        for (String f : new String[] {"accuracyUnfused", "accuracyFused", "predictionAgreement", "imagesPerSecond",
            "latencyUnfusedMs", "latencyFusedMs", "device", "accuracyPlain"}) {
            assertTrue(o.has(f), f + " in " + r.out());
        }
        assertTrue(o.get("deviceNotice").asText().contains("'gpu3' is not available"), r.out());
        assertTrue(o.get("device").asText().startsWith("cpu"));
        assertTrue(o.get("predictionAgreement").asDouble() >= 0.999, r.out());
        assertTrue(Math.abs(o.get("accuracyUnfused").asDouble() - o.get("accuracyFused").asDouble()) <= 0.001);
        assertTrue(o.get("fusedExactly").asBoolean());
        assertTrue(r.err().contains("ETA"), r.err());

        Path prov = tmp.resolve("repvgg.train.json");
        JsonNode p = new ObjectMapper().readTree(prov.toFile());
        assertEquals(64, p.get("designSha256").asText().length());
        assertEquals(42, p.get("hyperParameters").get("seed").asLong());
        assertEquals("builtin", p.get("dataset").get("name").asText());
        assertTrue(p.get("engine").asText().startsWith("PyTorch"));
        assertEquals(org.repstudio.core.io.AppVersion.CURRENT, p.get("appVersion").asText());
        var trained = DesignIO.read(tmp.resolve("repvgg.trained.json"));
        assertTrue(WeightsIO.check(trained.graph(), WeightsIO.read(tmp.resolve("repvgg.trained.rsw"))).isEmpty());
        assertTrue(Files.exists(tmp.resolve("repvgg.trained-fused.rsw")));
    }

    @Test
    void missingDatasetIsAClearInputError() {
        CliRun r = run("train", Path.of("..", "samples", "repvgg-s1.json").toString(), "--data",
                "mnist:" + tmp.resolve("nothing-here"), "--no-save");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nothing-here: no such folder"), r.err());

        r = run("train", Path.of("..", "samples", "repvgg-s1.json").toString(), "--data", "imagenet", "--no-save");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown dataset 'imagenet'"), r.err());
    }
}
