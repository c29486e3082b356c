package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/** The CLI contract: exit codes, the JSON fields scripts rely on, and the files fuse writes. */
class CliTest {

    static final Path SAMPLES = Path.of("..", "samples");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void verifyExactSampleExitsZeroWithJson() throws Exception {
        CliRun r = run("verify", SAMPLES.resolve("dbb-k3-s2-g2.json").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertTrue(o.get("exact").asBoolean());
        assertTrue(o.get("maxRelDiff").asDouble() <= 1e-6);
        assertTrue(o.get("maxAbsDiff").asDouble() >= 0);
        assertEquals(1, o.get("regions").asInt());
        assertTrue(o.get("steps").asInt() >= 8);
        assertTrue(o.get("reason").isNull());
    }

    @Test
    void verifyRefusedSampleExitsOneWithReason() throws Exception {
        CliRun r = run("verify", SAMPLES.resolve("refused/dbb-zero-pad.json").toString(), "--json");
        assertEquals(1, r.code());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertFalse(o.get("exact").asBoolean());
        assertTrue(o.get("reason").asText().contains("bias padding"), o.get("reason").asText());
        assertTrue(o.get("refusals").get(0).get("maxBorderError").asDouble() > 0.01);
    }

    @Test
    void invalidInputExitsTwoNamingThePlace(@TempDir Path dir) throws Exception {
        Path malformed = dir.resolve("broken.json");
        Files.writeString(malformed, "{\"format\": \"repstudio-design\", \"version\": 1, \"nodes\": [");
        CliRun r = run("verify", malformed.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broken.json") && r.err().contains("malformed JSON"), r.err());

        DesignFile d = DesignIO.read(SAMPLES.resolve("repvgg-s1.json"));
        var graph = d.graph();
        String convId = graph.nodes().values().stream().filter(n -> n.op() instanceof Op.Conv).findFirst()
                .orElseThrow().id();
        Op.Conv c = (Op.Conv) graph.node(convId).op();
        var bad = graph.withNode(new org.repstudio.core.graph.Node(convId, c.withGroups(3)));
        Path invalid = dir.resolve("invalid.json");
        DesignIO.write(invalid, d.withGraph(bad));
        CliRun r2 = run("verify", invalid.toString());
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("'" + convId + "'") && r2.err().contains("groups"), r2.err());

        assertEquals(2, run("fuse", dir.resolve("missing.json").toString()).code());
    }

    @Test
    void fuseWritesADesignThatVerifiesWithItsOwnWeights(@TempDir Path dir) throws Exception {
        Path fused = dir.resolve("fused.json");
        Path trace = dir.resolve("trace.json");
        CliRun r = run("fuse", SAMPLES.resolve("acb-k5.json").toString(), "-o", fused.toString(), "--trace",
                trace.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("fused.rsw")));
        JsonNode t = new ObjectMapper().readTree(trace.toFile());
        assertEquals("BRANCH_SUM", t.get("steps").get(t.get("steps").size() - 1).get("rule").asText());
        assertTrue(t.get("steps").get(0).has("before") && t.get("steps").get(0).has("after"));
        DesignFile back = DesignIO.read(fused);
        assertEquals(1, back.graph().nodes().values().stream().filter(n -> n.op() instanceof Op.Conv).count());
        CliRun again = run("verify", fused.toString(), "--json");
        assertEquals(0, again.code(), again.err());
        assertTrue(new ObjectMapper().readTree(again.out()).get("weights").asText().equals("sidecar"));
    }

    @Test
    void samplesListsEveryBundledDesign() {
        CliRun r = run("samples", "--dir", SAMPLES.toString());
        assertEquals(0, r.code(), r.err());
        long lines = r.out().lines().count();
        assertEquals(org.repstudio.core.io.SampleCatalog.all().size(), lines, r.out());
        assertTrue(r.out().contains("networks/repvgg-a0.json"));
    }
}
