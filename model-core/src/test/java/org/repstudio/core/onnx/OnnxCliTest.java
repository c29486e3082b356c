package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.SampleCatalog;
import org.repstudio.core.io.WeightsIO;

/** {@code repstudio export} and {@code repstudio bench}: outputs, exit codes, nothing written on failure. */
class OnnxCliTest {

    @TempDir
    Path dir;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private Path sample(String path) throws IOException {
        DesignFile d = SampleCatalog.find(path).orElseThrow().design();
        Path p = dir.resolve(Path.of(path).getFileName());
        DesignIO.write(p, d);
        return p;
    }

    @Test
    void exportsFusedAndUnfused() throws IOException {
        Path design = sample("acb-k3.json");
        Path fused = dir.resolve("fused.onnx");
        CliRun r = cli("export", design.toString(), "--fused", "-o", fused.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fused ONNX") && r.out().contains("maxRelDiff"), r.out());
        assertTrue(Files.size(fused) > 0);
        Path unfused = dir.resolve("unfused.onnx");
        CliRun u = cli("export", design.toString(), "--unfused", "-o", unfused.toString(), "--json");
        assertEquals(0, u.code(), u.err());
        JsonNode j = new ObjectMapper().readTree(u.out());
        assertEquals("unfused", j.get("form").asText());
        assertEquals(3, j.get("nodeCounts").get("Conv").asInt());
        assertTrue(j.get("maxRelDiff").asDouble() <= 1e-6);
    }

    @Test
    void needsExactlyOneForm() throws IOException {
        Path design = sample("acb-k3.json");
        assertEquals(2, cli("export", design.toString(), "-o", dir.resolve("a.onnx").toString()).code());
        assertEquals(2, cli("export", design.toString(), "--fused", "--unfused", "-o",
                dir.resolve("a.onnx").toString()).code());
        assertFalse(Files.exists(dir.resolve("a.onnx")));
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws IOException {
        Path design = sample("repvgg-s1.json");
        Path out = dir.resolve("m.onnx");
        CliRun missingFolder = cli("export", design.toString(), "--fused", "-o", dir.resolve("nope/m.onnx").toString());
        assertEquals(2, missingFolder.code());
        assertTrue(missingFolder.err().contains("nope") && missingFolder.err().contains("does not exist"), missingFolder.err());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"repstudio-design\"");
        assertEquals(2, cli("export", broken.toString(), "--fused", "-o", out.toString()).code());

        Graph g = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
        Weights w = RandomWeights.generate(g, 1);
        Map<String, Tensor> bn = new LinkedHashMap<>(w.of("bn3x3"));
        bn.put("gamma", Tensor.zeros(8));
        Path sidecar = dir.resolve("wrong.rsw");
        WeightsIO.write(sidecar, w.with("bn3x3", bn));
        CliRun wrong = cli("export", design.toString(), "--unfused", "-o", out.toString(), "--weights", sidecar.toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("bn3x3"), wrong.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusedFusionExitsOneUnlessPartialIsAllowed() throws IOException {
        Path design = sample("refused/fused-mbconv.json");
        Path out = dir.resolve("m.onnx");
        CliRun r = cli("export", design.toString(), "--fused", "-o", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("REFUSED"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(0, cli("export", design.toString(), "--fused", "--allow-partial", "-o", out.toString()).code());
        assertTrue(Files.exists(out));
    }

    @Test
    void aFailedCheckExitsOne() throws IOException {
        Path design = sample("repvgg-s1.json");
        Path out = dir.resolve("m.onnx");
        CliRun r = cli("export", design.toString(), "--unfused", "-o", out.toString(), "--tolerance", "0");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not match DJL"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void benchPrintsTheJsonFields() throws IOException {
        Path design = sample("repvgg-s2.json");
        CliRun r = cli("bench", design.toString(), "--json", "--reps", "3", "--warmup", "1", "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String model : new String[] {"unfused", "fused", "plain"}) {
            assertTrue(j.get(model).get("djlMs").asDouble() > 0, model);
            assertTrue(j.get(model).get("ortMs").asDouble() > 0, model);
        }
        for (String f : new String[] {"speedupOrt", "speedupDjl", "fusedVsPlainOrt"}) {
            assertTrue(j.get(f).asDouble() > 0, f);
        }
        assertEquals(1, j.get("batch").asInt());
    }

    @Test
    void benchTableAndBadOptions() throws IOException {
        Path design = sample("repvgg-s2.json");
        CliRun r = cli("bench", design.toString(), "--reps", "2", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("speedup unfused/fused") && r.out().contains("plain"), r.out());
        assertTrue(r.err().contains("measuring"), r.err());
        assertEquals(2, cli("bench", design.toString(), "--reps", "0").code());
        assertEquals(2, cli("bench", dir.resolve("missing.json").toString()).code());
    }
}
