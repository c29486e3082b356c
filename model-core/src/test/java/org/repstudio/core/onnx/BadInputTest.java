package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.InvalidDesignException;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleCatalog;

/** Invalid designs, weights that do not fit, unwritable paths and failed checks: clear errors, no files. */
class BadInputTest {

    @TempDir
    Path dir;

    private final Graph block = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
    private final Weights weights = RandomWeights.generate(block, 1);

    @Test
    void invalidDesignNamesTheNodeAndWritesNothing() throws IOException {
        Graph broken = new GraphBuilder().input("x", 3, 8, 8).add("c", Op.Conv.square(4, 3, 1, 1, 2, false), "x")
                .output("out", "c").build(); // 2 groups do not divide 3 channels
        Path target = dir.resolve("m.onnx");
        InvalidDesignException e = assertThrows(InvalidDesignException.class, () ->
                OnnxExporter.write(target, broken, Weights.empty(), OnnxForm.UNFUSED, ExportOptions.defaults()));
        assertTrue(e.getMessage().contains("c") && e.getMessage().contains("groups"), e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void weightsOfTheWrongShapeNameNodeAndParameter() throws IOException {
        Map<String, Tensor> conv = new LinkedHashMap<>(weights.of("conv3x3"));
        conv.put("weight", Tensor.zeros(16, 16, 1, 1));
        Weights wrong = weights.with("conv3x3", conv);
        Path target = dir.resolve("m.onnx");
        for (OnnxForm f : OnnxForm.values()) {
            InvalidDesignException e = assertThrows(InvalidDesignException.class, () ->
                    OnnxExporter.write(target, block, wrong, f, ExportOptions.defaults()));
            assertTrue(e.getMessage().contains("conv3x3") && e.getMessage().contains("weight")
                    && e.getMessage().contains("[16, 16, 3, 3]"), e.getMessage());
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void missingWeightsAreRefused() {
        assertThrows(InvalidDesignException.class, () ->
                OnnxExporter.export(block, weights.without("bn1x1"), OnnxForm.UNFUSED, ExportOptions.defaults()));
    }

    @Test
    void unwritablePathsFailBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Path[] bad = {dir.resolve("no-such-folder").resolve("m.onnx"), file.resolve("m.onnx"), dir};
        for (Path target : bad) {
            assertThrows(IOException.class, () ->
                    OnnxExporter.write(target, block, weights, OnnxForm.FUSED, ExportOptions.defaults()), target.toString());
        }
        assertEquals(List.of("plain.txt"), names(dir));
    }

    @Test
    void aFailedCheckWritesNothingAndKeepsAnOldFile() throws IOException {
        Path target = dir.resolve("m.onnx");
        Files.writeString(target, "previous model");
        // tolerance 0: the float32 rounding difference between the two engines alone fails it
        ExportCheckException e = assertThrows(ExportCheckException.class, () -> OnnxExporter.write(target, block,
                weights, OnnxForm.UNFUSED, ExportOptions.defaults().withTolerance(0)));
        assertTrue(e.report().maxRelDiff() > 0);
        assertTrue(e.getMessage().contains("does not match DJL"), e.getMessage());
        assertEquals("previous model", Files.readString(target));
        assertEquals(List.of("m.onnx"), names(dir));
    }

    @Test
    void aGoodExportReplacesTheFileAndLeavesNoTemporaries() throws IOException {
        Path target = dir.resolve("m.onnx");
        Files.writeString(target, "previous model");
        ExportReport r = OnnxExporter.write(target, block, weights, OnnxForm.FUSED, ExportOptions.defaults());
        assertEquals(target, r.path().orElseThrow());
        assertEquals(Files.size(target), r.fileSize());
        assertEquals(List.of("m.onnx"), names(dir));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
