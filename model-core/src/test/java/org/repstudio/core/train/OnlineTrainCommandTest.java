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

/** {@code repstudio train --online}: OREPA trains online, the design's "training" field, refusals by node. */
class OnlineTrainCommandTest {

    @TempDir
    Path tmp;

    private static final String[] QUICK = {"--epochs", "1", "--copies", "1", "--batch", "32", "--max-train", "128",
        "--max-test", "64", "--no-save", "--json"};

    private static CliRun train(String design, String... extra) {
        String[] args = new String[2 + extra.length + QUICK.length];
        args[0] = "train";
        args[1] = design;
        System.arraycopy(extra, 0, args, 2, extra.length);
        System.arraycopy(QUICK, 0, args, 2 + extra.length, QUICK.length);
        return CliRun.of(args);
    }

    private static String sample(String name) {
        return Path.of("..", "samples", name).toString();
    }

    @Test
    void orepaTrainsOnlineAndFusesExactly() throws Exception {
        CliRun r = train(sample("orepa.json"), "--online");
        assertEquals(0, r.code(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("online", o.get("training").asText(), r.out());
        assertTrue(o.get("fusedExactly").asBoolean());
        assertTrue(o.get("predictionAgreement").asDouble() >= 0.999, r.out());
        assertTrue(r.err().contains("training online"), r.err());
    }

    @Test
    void designFieldTurnsOnlineOnAndNoOnlineTurnsItOff() throws Exception {
        Path design = tmp.resolve("orepa-online.json");
        String json = Files.readString(Path.of(sample("orepa.json")));
        Files.writeString(design, json.replace("\"expect\": \"exact\",", "\"expect\": \"exact\",\n  \"training\": \"online\","));
        CliRun r = train(design.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("online", new ObjectMapper().readTree(r.out()).get("training").asText(), r.out());
        r = train(design.toString(), "--no-online");
        assertEquals(0, r.code(), r.err());
        assertEquals("offline", new ObjectMapper().readTree(r.out()).get("training").asText(), r.out());
    }

    @Test
    void nonOrepaDesignIsRefusedNamingTheNode() {
        CliRun r = train(sample("acb-k3.json"), "--online");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("acb-k3.json: --online:") && r.err().contains("batchnorm"), r.err());
        assertTrue(r.err().matches("(?s).*'[a-z0-9_]+', a batchnorm.*"), "names the node: " + r.err());
        assertTrue(r.out().isBlank(), "nothing trained: " + r.out());
    }
}
