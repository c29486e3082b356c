package org.repstudio.app.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts' data and their PNG export (headless AWT, no JavaFX). */
class ChartExportTest {

    @TempDir
    Path tmp;

    static LatencyFigures figures() {
        return new LatencyFigures(List.of(new LatencyFigures.Engine("DJL (PyTorch 2.7.1)", 0.9, 0.3, 0.28),
                new LatencyFigures.Engine("ONNX Runtime 1.20.0", 0.4, 0.1, 0.1)), 1, 2, 30, 0.05, true);
    }

    @Test
    void theLatencyChartHasThreeBarsPerEngineAndTheSpeedupsInItsSubtitle() {
        JFreeChart chart = LatencyChart.create("RepVGG block", figures(), ChartPalette.DARK);
        CategoryDataset d = chart.getCategoryPlot().getDataset();
        assertEquals(List.of(LatencyChart.UNFUSED, LatencyChart.FUSED, LatencyChart.PLAIN), d.getRowKeys());
        assertEquals(2, d.getColumnCount());
        assertEquals(0.1, d.getValue(LatencyChart.FUSED, "ONNX Runtime 1.20.0").doubleValue());
        String sub = chart.getSubtitles().stream().filter(t -> t instanceof TextTitle)
                .map(t -> ((TextTitle) t).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(sub.contains("3.00× faster on DJL, 4.00× on ONNX Runtime"), sub);
        assertEquals(ChartPalette.DARK.background(), chart.getBackgroundPaint());
        assertEquals(0, LatencyChart.create("x", null, ChartPalette.LIGHT).getCategoryPlot().getDataset()
                .getRowCount());
    }

    @Test
    void savePngWritesAValidPngAtomically() throws Exception {
        Path png = tmp.resolve("latency.png");
        Files.writeString(png, "an older file it replaces");
        PngExport.write(LatencyChart.create("RepVGG block", figures(), ChartPalette.LIGHT), png);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(PngExport.WIDTH, img.getWidth());
        assertEquals(PngExport.HEIGHT, img.getHeight());
        assertEquals(ChartPalette.LIGHT.background().getRGB(), img.getRGB(2, 2), "the chart's background");
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(png), files.toList(), "no temporary file is left");
        }
    }
}
