package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

class WeightsIOTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsFloat32ValuesAndOrder() throws Exception {
        Graph g = SampleBlocks.dbb(3, 2, 2, true);
        Weights w = asFloat32(RandomWeights.generate(g, 7));
        Path file = dir.resolve("dbb.rsw");
        WeightsIO.write(file, w);
        Weights back = WeightsIO.read(file);
        assertEquals(w.byNode(), back.byNode());
        assertEquals(List.copyOf(w.byNode().keySet()), List.copyOf(back.byNode().keySet()));
        assertEquals(List.of(), WeightsIO.check(g, back));
    }

    @Test
    void valuesAreStoredAsFloat32() throws Exception {
        Weights w = new Weights(Map.of("n", Map.of("p", Tensor.vector(0.1, 1e-300, -2.5))));
        Path file = dir.resolve("f.rsw");
        WeightsIO.write(file, w);
        double[] back = WeightsIO.read(file).get("n", "p").data();
        assertEquals((double) 0.1f, back[0]);
        assertEquals(0.0, back[1]);
        assertEquals(-2.5, back[2]);
    }

    @Test
    void emptyWeightsAndScalarsRoundTrip() throws Exception {
        Path empty = dir.resolve("empty.rsw");
        WeightsIO.write(empty, Weights.empty());
        assertEquals(8, Files.size(empty));
        assertTrue(WeightsIO.read(empty).byNode().isEmpty());

        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("scalar", Tensor.of(new int[0], 3.0));
        params.put("none", Tensor.zeros(0, 4));
        params.put("ünï", Tensor.vector(1, 2));
        Weights w = new Weights(Map.of("node ü", params));
        Path file = dir.resolve("odd.rsw");
        WeightsIO.write(file, w);
        assertEquals(w.byNode(), WeightsIO.read(file).byNode());
    }

    @Test
    void layoutIsTheDocumentedOne() throws Exception {
        Path file = dir.resolve("one.rsw");
        WeightsIO.write(file, new Weights(Map.of("c", Map.of("w", Tensor.of(new int[] {1, 2}, 1.5, -2)))));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        assertEquals("RSW1", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals('c', b.get());
        assertEquals(1, b.getInt());
        assertEquals('w', b.get());
        assertEquals(2, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(1.5f, b.getFloat());
        assertEquals(-2f, b.getFloat());
        assertEquals(0, b.remaining());
    }

    @Test
    void wrongMagicIsNamed() throws Exception {
        Path file = dir.resolve("photo.rsw");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        DesignFormatException e = assertThrows(DesignFormatException.class, () -> WeightsIO.read(file));
        assertEquals("photo.rsw: not a RepStudio weights file (it should start with \"RSW1\", starts with \"\\x89PNG\")",
                e.getMessage());
    }

    @Test
    void everyTruncationIsReportedWithTheFileName() throws Exception {
        Path file = dir.resolve("w.rsw");
        WeightsIO.write(file, RandomWeights.generate(SampleBlocks.repvgg(2, 2, 4, 1), 3));
        byte[] full = Files.readAllBytes(file);
        for (int n = 0; n < full.length; n++) { // in memory: the same decoder the file reader uses
            byte[] part = Arrays.copyOf(full, n);
            DesignFormatException e = assertThrows(DesignFormatException.class,
                    () -> WeightsReader.read(part, "cut.rsw"), "length " + n);
            assertTrue(e.getMessage().startsWith("cut.rsw: truncated at byte " + n + " while reading "), e.getMessage());
        }
        Path cut = dir.resolve("cut.rsw");
        Files.write(cut, Arrays.copyOf(full, full.length - 3));
        String m = assertThrows(DesignFormatException.class, () -> WeightsIO.read(cut)).getMessage();
        assertTrue(m.contains("(bn_id.var) values"), m);
    }

    @Test
    void damagedHeadersAndTrailingBytesAreReported() throws Exception {
        Path file = dir.resolve("w.rsw");
        WeightsIO.write(file, new Weights(Map.of("c", Map.of("w", Tensor.vector(1, 2)))));
        byte[] ok = Files.readAllBytes(file);

        assertEquals("w.rsw: the header: tensor count is negative (-1)", messageWith(file, ok, 4, -1));
        assertEquals("w.rsw: tensor 0 node id: name length 1000000 is not plausible", messageWith(file, ok, 8, 1_000_000));
        assertEquals("w.rsw: tensor 0 (c.w): rank 99 is not between 0 and 8", messageWith(file, ok, 18, 99));
        assertEquals("w.rsw: tensor 0 (c.w): dimension 0 is negative (-2)", messageWith(file, ok, 22, -2));
        String huge = messageWith(file, ok, 22, Integer.MAX_VALUE);
        assertTrue(huge.startsWith("w.rsw: tensor 0 (c.w): shape [2147483647] is too large"), huge);

        byte[] longer = Arrays.copyOf(ok, ok.length + 5);
        Files.write(file, longer);
        assertEquals("w.rsw: the end of the file: 5 unexpected bytes after the last of 1 tensors",
                assertThrows(DesignFormatException.class, () -> WeightsIO.read(file)).getMessage());
    }

    @Test
    void missingFileIsSaidPlainly() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> WeightsIO.read(dir.resolve("gone.rsw")));
        assertTrue(e.getMessage().contains("gone.rsw") && e.getMessage().contains("no such weights file"));
    }

    @Test
    void designLoadsItsSidecar() throws Exception {
        DesignFile d = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().withWeights("repvgg.rsw");
        Path design = dir.resolve("repvgg.json");
        DesignIO.write(design, d);
        Weights w = asFloat32(RandomWeights.generate(d.graph(), 5));
        WeightsIO.write(dir.resolve("repvgg.rsw"), w);
        DesignFile read = DesignIO.read(design);
        assertEquals(w.byNode(), DesignIO.readWeights(design, read).orElseThrow().byNode());
        assertEquals(Optional.empty(), DesignIO.readWeights(design, SampleCatalog.all().get(0).design()));
        NoSuchFileException gone = assertThrows(NoSuchFileException.class,
                () -> DesignIO.readWeights(design, d.withWeights("other.rsw")));
        assertTrue(gone.getMessage().contains("other.rsw"));
    }

    @Test
    void sidecarThatDoesNotFitNamesNodeAndParameter() throws Exception {
        DesignFile d = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().withWeights("w.rsw");
        Path design = dir.resolve("repvgg.json");
        Weights good = RandomWeights.generate(d.graph(), 5);

        WeightsIO.write(dir.resolve("w.rsw"), good.with("conv3x3", Map.of("weight", Tensor.zeros(32, 16, 3, 3))));
        String m = assertThrows(DesignFormatException.class, () -> DesignIO.readWeights(design, d)).getMessage();
        assertEquals("w.rsw does not fit repvgg.json: node 'conv3x3' (weight): shape [32, 16, 3, 3] does not match "
                + "the design's [16, 16, 3, 3]", m);

        WeightsIO.write(dir.resolve("w.rsw"), good.without("bn1x1").with("ghost", Map.of("x", Tensor.vector(1))));
        m = assertThrows(DesignFormatException.class, () -> DesignIO.readWeights(design, d)).getMessage();
        assertTrue(m.contains("node 'ghost': has weights but is not in the design"), m);
        assertTrue(m.contains("node 'bn1x1' (gamma): missing from the weights"), m);

        Map<String, Tensor> extra = new LinkedHashMap<>(good.of("conv1x1"));
        extra.put("bias", Tensor.zeros(16));
        List<Problem> p = WeightsIO.check(d.graph(), good.with("conv1x1", extra));
        assertEquals(List.of(new Problem("conv1x1", "bias", "conv has no such parameter (it has weight)")), p);
    }

    @Test
    void longProblemListsAreCut() {
        Graph g = SampleNetworks.repvggA0();
        String s = WeightsIO.summarize(WeightsIO.check(g, Weights.empty()));
        assertTrue(s.matches(".*; and \\d+ more"), s);
    }

    private String messageWith(Path file, byte[] ok, int offset, int value) throws Exception {
        byte[] b = ok.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        Files.write(file, b);
        return assertThrows(DesignFormatException.class, () -> WeightsIO.read(file)).getMessage();
    }

    /** What the sidecar can hold: every value rounded to float32. */
    private static Weights asFloat32(Weights w) {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        w.byNode().forEach((node, params) -> {
            Map<String, Tensor> p = new LinkedHashMap<>();
            params.forEach((name, t) -> p.put(name, Tensor.fromFloats(t.shape(), t.toFloats())));
            out.put(node, p);
        });
        return new Weights(out);
    }
}
