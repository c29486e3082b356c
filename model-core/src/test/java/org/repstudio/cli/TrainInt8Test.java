package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} ends with float and INT8 in ONNX Runtime by default, in its text, its --json and the provenance. */
class TrainInt8Test {

    private static final String[] QUICK = {"--epochs", "1", "--copies", "1", "--batch", "32", "--max-train", "64",
        "--max-test", "32"};

    @TempDir
    Path dir;

    @Test
    void int8FiguresGoToTheTextAndProvenanceAndNoInt8EvalSkipsThem() throws Exception {
        Path design = dir.resolve("d.json");
        Files.copy(CliTest.SAMPLES.resolve("repvgg-s1.json"), design);
        CliRun r = CliRun.of(args(design));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ONNX Runtime on 32 test images: float unfused ")
                && r.out().contains("INT8 latency (batch 1, 2 threads, 30 runs interleaved)"), r.out());
        JsonNode int8 = new ObjectMapper().readTree(dir.resolve("d.train.json").toFile()).path("results").path("int8");
        assertEquals("measured", int8.path("outcome").asText(), int8.toString());
        assertEquals(32, int8.path("testImages").asInt());
        assertTrue(int8.path("integerConvs").asInt() >= 2, int8.toString());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "INT8 fused %.2f%%",
                100 * int8.path("accuracyInt8Fused").asDouble())), r.out());

        CliRun off = CliRun.of(args(design, "--no-save", "--no-int8-eval", "--json"));
        assertEquals(0, off.code(), off.err());
        assertTrue(new ObjectMapper().readTree(off.out()).path("int8").isMissingNode(), off.out());
    }

    private static String[] args(Path design, String... more) {
        String[] a = new String[2 + QUICK.length + more.length];
        a[0] = "train";
        a[1] = design.toString();
        System.arraycopy(QUICK, 0, a, 2, QUICK.length);
        System.arraycopy(more, 0, a, 2 + QUICK.length, more.length);
        return a;
    }
}
