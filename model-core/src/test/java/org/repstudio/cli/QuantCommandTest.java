package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repstudio quant}: per fused kernel, in text and JSON; a design with nothing to fuse is refused. */
class QuantCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void repvggBlockSplitsItsWidestChannelsIntoItsThreeBranches() {
        CliRun r = CliRun.of("quant", SAMPLES.resolve("repvgg-s1.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("add [16, 16, 3, 3]"), r.out());
        assertTrue(r.out().contains("channel "), r.out());
        assertTrue(r.out().contains("bn_id") && r.out().contains("conv3x3+bn3x3") && r.out().contains("conv1x1+bn1x1"),
                r.out());
    }

    @Test
    void jsonHasOneEntryPerChannelAndSharesThatSumToOne() throws Exception {
        CliRun r = CliRun.of("quant", SAMPLES.resolve("repvgg-s1.json").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode kernels = new ObjectMapper().readTree(r.out());
        assertEquals(1, kernels.size());
        assertEquals(16, kernels.get(0).get("channels").size());
        double sum = 0;
        for (JsonNode s : kernels.get(0).get("widest").get(0).get("shares")) {
            sum += s.get("share").asDouble();
        }
        assertEquals(1.0, sum, 1e-9);
    }

    @Test
    void anAlreadyFusedDesignHasNothingToAnalyse(@TempDir Path dir) {
        Path fused = dir.resolve("fused.json");
        assertEquals(0, CliRun.of("fuse", SAMPLES.resolve("repvgg-s1.json").toString(), "-o", fused.toString()).code());
        CliRun r = CliRun.of("quant", fused.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("fused.json: nothing was fused"), r.err());
    }
}
