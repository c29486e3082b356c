package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/** ./repstudio import: design out, fused ONNX out with its certificate, and the exit codes. */
class ImportCliTest {

    static final Path FIXTURES = Path.of("src/test/resources/onnx");

    @Test
    void importWritesADesignWithItsWeightsAndOpaqueNodes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("neck.json");
        CliRun r = CliRun.of("import", FIXTURES.resolve("repconv-neck.onnx").toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("8 opaque ONNX ops"), r.out());
        DesignFile d = DesignIO.read(out);
        assertTrue(Files.exists(dir.resolve("neck.rsw")));
        assertTrue(DesignIO.readWeights(out, d).isPresent());
        assertTrue(d.graph().nodes().values().stream().anyMatch(n -> n.op() instanceof Op.Opaque o
                && o.opType().equals("MaxPool")));
    }

    @Test
    void fuseWritesTheCertifiedModelAndAJsonReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fused.onnx");
        Path npy = npy(dir.resolve("x.npy"), 1, 3, 32, 32);
        CliRun r = CliRun.of("import", FIXTURES.resolve("mobileone-stack.onnx").toString(), "--fuse", "-o",
                out.toString(), "--input", npy.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 0);
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertTrue(o.get("maxRelDiff").asDouble() <= 1e-6);
        assertEquals(2, o.get("inputs").size());
        assertTrue(o.get("inputs").get(1).asText().startsWith("the user's input [1, 3, 32, 32]"));
        assertEquals(5, o.get("regions").size());
        JsonNode region = o.get("regions").get(0);
        assertTrue(region.get("fused").asBoolean());
        assertTrue(region.get("rules").get(0).asText().length() > 0);
        assertTrue(region.get("macsAfter").asLong() < region.get("macsBefore").asLong());
        assertTrue(region.get("maxRelDiff").asDouble() <= 1e-6);
        assertFalse(o.get("opsAfter").has("BatchNormalization"));

        // the fused file has nothing left to fuse, and says so
        Path again = dir.resolve("again.onnx");
        CliRun r2 = CliRun.of("import", out.toString(), "--fuse", "-o", again.toString());
        assertEquals(0, r2.code(), r2.err());
        assertTrue(r2.out().contains("nothing to fuse"), r2.out());
        assertFalse(Files.exists(again));
    }

    @Test
    void outOfToleranceWritesNothingAndExitsOne(@TempDir Path dir) {
        Path out = dir.resolve("fused.onnx");
        CliRun r = CliRun.of("import", FIXTURES.resolve("acb-stack.onnx").toString(), "--fuse", "-o", out.toString(),
                "--tolerance", "1e-12");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("nothing written") && r.err().contains("first diverging region"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badInputExitsTwoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.onnx"), "not a model");
        Path out = dir.resolve("d.json");
        CliRun r = CliRun.of("import", bad.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.onnx: not an ONNX model"), r.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("d.rsw")));
    }

    @Test
    void anInputOfTheWrongShapeIsRefused(@TempDir Path dir) throws Exception {
        Path npy = npy(dir.resolve("x.npy"), 1, 3, 16, 16);
        Path out = dir.resolve("f.onnx");
        CliRun r = CliRun.of("import", FIXTURES.resolve("acb-stack.onnx").toString(), "--fuse", "-o", out.toString(),
                "--input", npy.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("x.npy: shape [1, 3, 16, 16] does not fit the model's input 'input' [N, 3, 32, 32]"),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFusionThatAddsMacsIsLeftUnfusedUnlessAsked(@TempDir Path dir) throws Exception {
        // the Inception-style concat sample: its fused 5x5 conv costs more than its 1x1, 3x3 and 5x5 branches
        Path onnx = dir.resolve("inception.onnx");
        assertEquals(0, CliRun.of("export", CliTest.SAMPLES.resolve("inception-concat.json").toString(), "--unfused",
                "-o", onnx.toString()).code());
        CliRun kept = CliRun.of("import", onnx.toString(), "--fuse", "-o", dir.resolve("k.onnx").toString(), "--json");
        assertEquals(0, kept.code(), kept.err());
        JsonNode region = new ObjectMapper().readTree(kept.out()).get("regions").get(0);
        assertFalse(region.get("fused").asBoolean());
        assertTrue(region.get("note").asText().contains("--fuse-all"), region.toString());
        assertTrue(kept.out().contains("\"nothingToFuse\" : true"), kept.out());

        Path all = dir.resolve("all.onnx");
        CliRun fused = CliRun.of("import", onnx.toString(), "--fuse", "--fuse-all", "-o", all.toString(), "--json");
        assertEquals(0, fused.code(), fused.err());
        assertTrue(new ObjectMapper().readTree(fused.out()).get("regions").get(0).get("fused").asBoolean());
        assertTrue(Files.exists(all));
    }

    /** A float32 C-order .npy of N(0,1) values, as numpy.save writes it. */
    static Path npy(Path file, int... shape) throws Exception {
        StringBuilder dims = new StringBuilder();
        int count = 1;
        for (int d : shape) {
            dims.append(d).append(", ");
            count *= d;
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", "")
                + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + count * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Random rnd = new Random(3);
        for (int i = 0; i < count; i++) {
            b.putFloat((float) rnd.nextGaussian());
        }
        return Files.write(file, b.array());
    }
}
