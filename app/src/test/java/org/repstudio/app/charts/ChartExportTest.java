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
                new LatencyFigures.Engine("ONNX Runtime 1.20.0", 0.4, 0.1, 0.1)), 1, 2, 30,
                LatencyFigures.Statistic.MEDIAN, 0.05, true);
    }

    @Test
    void theLatencyChartHasThreeBarsPerEngineAndTheSpeedupsInItsSubtitle() {
        JFreeChart chart = LatencyChart.create("RepVGG block", figures(), ChartPalette.DARK);
        List<CategoryDataset> panels = LatencyChart.datasets(chart);
        assertEquals(2, panels.size(), "one panel per engine");
        CategoryDataset ort = panels.get(1);
        assertEquals(List.of(LatencyChart.UNFUSED, LatencyChart.FUSED, LatencyChart.PLAIN), ort.getColumnKeys());
        assertEquals(0.1, ort.getValue("ONNX Runtime 1.20.0", LatencyChart.FUSED).doubleValue());
        assertEquals(0.9, panels.get(0).getValue(0, 0).doubleValue());
        String sub = chart.getSubtitles().stream().filter(t -> t instanceof TextTitle)
                .map(t -> ((TextTitle) t).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(sub.contains("3.00× faster on DJL, 4.00× on ONNX Runtime"), sub);
        assertTrue(sub.contains("batch 1, 2 threads, median of 30 rounds"), sub);
        assertEquals(ChartPalette.DARK.background(), chart.getBackgroundPaint());
        assertEquals(List.of(), LatencyChart.datasets(LatencyChart.create("x", null, ChartPalette.LIGHT)));
        assertEquals("0.381 ms", MsLabels.format(0.3814));
        assertEquals("224.6 ms", MsLabels.format(224.645));
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

    @Test
    void theLatencyChartSaysWhyTheEnginesDifferAndBlamesOtherWorkOnlyUnderLoad() throws Exception {
        LatencyFigures noisy = new LatencyFigures(List.of(new LatencyFigures.Engine("DJL (PyTorch 2.7.1)", 38, 20, 19),
                new LatencyFigures.Engine("ONNX Runtime 1.20.0", 0.3, 0.12, 0.11)), 1, 2, 30,
                LatencyFigures.Statistic.MEDIAN, 0.3, true);
        JFreeChart chart = LatencyChart.create("RepVGG-A0", noisy, ChartPalette.LIGHT);
        String sub = chart.getSubtitles().stream().filter(t -> t instanceof TextTitle)
                .map(t -> ((TextTitle) t).getText()).reduce("", (a, b) -> a + "\n" + b);
        assertTrue(sub.contains("compare bars within one engine"), sub);
        assertTrue(sub.contains("Rounds varied by 30 %"), sub);
        assertTrue(LatencyChart.noiseLine(0.3, 1.0, 2).endsWith("read the figures as rough."),
                "load average 1 on 2 cores is not blamed");
        assertTrue(LatencyChart.noiseLine(0.3, 3.5, 2).contains("other work got in the way"));
        assertTrue(ChartsPanel.weightsNote("random weights (seed 42)").contains("do not change the timing"));
        assertEquals("latency timed with weights: a.rsw", ChartsPanel.weightsNote("weights: a.rsw"));
        // a saved picture to look at: every label readable, none over another
        PngExport.write(chart, Path.of("target", "latency-chart-saved.png"));
    }
}
