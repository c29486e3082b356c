package org.repstudio.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.repstudio.app.RunningAppTest;
import org.repstudio.app.fx.SceneSnapshot;
import org.repstudio.app.fx.Theme;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The charts window for real, headless: opened from Analyze ▸ Latency and Accuracy… on a sample, Measure
 * pressed, the bars arrive from the real bench. Writes pictures of the window to target/charts/ (light and
 * dark); {@code -Drepstudio.charts.reps=30} measures longer for a picture worth keeping.
 */
class ChartsWindowTest extends RunningAppTest {

    private static Stage chartsStage() {
        return (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Latency and"))
                .findFirst().orElseThrow();
    }

    @Test
    void measureFromTheAnalyzeMenuDrawsTheBarsAndTheTrainedAccuracy() throws Exception {
        Path design = AccuracyChartViewModelTest.designWithRun(tmp);
        robot.interact(() -> app.open(design));
        robot.interact(() -> robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "menu-analyze".equals(m.getId())).findFirst().orElseThrow()
                .getItems().get(0).fire());
        Stage stage = chartsStage();
        ChartsPanel panel = (ChartsPanel) stage.getScene().getRoot();
        assertTrue(stage.getTitle().endsWith("RepVGG block, stride 1"), stage.getTitle());

        ChartViewer accuracy = robot.from(panel).lookup("#accuracy-chart").queryAs(ChartViewer.class);
        CategoryDataset acc = accuracy.getChart().getCategoryPlot().getDataset();
        assertEquals(3, acc.getColumnCount(), "unfused, fused and the plain baseline of the real run");
        assertEquals(84.0, acc.getValue(0, 1).doubleValue(), 1e-9);
        assertFalse(robot.from(panel).lookup("#accuracy-train").query().isVisible(), "trained: no Train button");

        ChartViewer latency = robot.from(panel).lookup("#latency-chart").queryAs(ChartViewer.class);
        assertEquals(List.of(), LatencyChart.datasets(latency.getChart()));
        assertTrue(robot.from(panel).lookup("#latency-save").queryAs(Button.class).isDisabled());
        robot.interact(() -> {
            panel.latency().model().repsProperty().set(Integer.getInteger("repstudio.charts.reps", 5));
            panel.latency().model().warmupProperty().set(1);
            panel.latency().model().statisticProperty().set(
                    LatencyFigures.Statistic.valueOf(System.getProperty("repstudio.charts.statistic", "MEDIAN")));
        });
        robot.clickOn("#latency-measure");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> !panel.latency().model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", panel.latency().model().errorProperty().get());
        List<CategoryDataset> panels = LatencyChart.datasets(latency.getChart());
        assertEquals(2, panels.size(), "DJL and ONNX Runtime");
        for (CategoryDataset bars : panels) {
            assertEquals(3, bars.getColumnCount(), "unfused, fused, plain");
            for (int c = 0; c < 3; c++) {
                assertTrue(bars.getValue(0, c).doubleValue() > 0);
            }
        }
        assertTrue(robot.from(panel).lookup("#latency-phase").queryAs(Label.class).getText().startsWith("Done"));
        assertFalse(robot.from(panel).lookup("#latency-save").queryAs(Button.class).isDisabled());

        Path out = Files.createDirectories(Path.of("target", "charts"));
        Path png = out.resolve("latency-chart.png");
        panel.latency().savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(PngExport.WIDTH, img.getWidth());
        panel.accuracy().savePng(out.resolve("accuracy-chart.png"));
        robot.interact(() -> SceneSnapshot.write(stage.getScene(), out.resolve("charts-window-light.png")));
        robot.interact(() -> app.window().setTheme(Theme.DARK));
        assertTrue(stage.getScene().getStylesheets().stream().anyMatch(u -> u.endsWith("dark.css")),
                "the charts follow the main window's theme");
        assertEquals(ChartPalette.DARK.background(), latency.getChart().getBackgroundPaint());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> SceneSnapshot.write(stage.getScene(), out.resolve("charts-window-dark.png")));
        assertTrue(Files.size(out.resolve("charts-window-dark.png")) > 10_000);
    }

    @Test
    void theInt8BarStandsBesideFloatWithItsNumber() throws Exception {
        Path design = AccuracyChartViewModelTest.designWithInt8Run(tmp);
        ChartsDesign d = ChartsDesign.read(design);
        robot.interact(() -> ChartsWindow.open(null, d, Theme.LIGHT, () -> { }));
        Stage stage = chartsStage();
        ChartsPanel panel = (ChartsPanel) stage.getScene().getRoot();
        ChartViewer viewer = robot.from(panel).lookup("#accuracy-chart").queryAs(ChartViewer.class);
        assertTrue(viewer.isVisible() && viewer.getWidth() > 200 && viewer.getHeight() > 200,
                viewer.getWidth() + "x" + viewer.getHeight());
        var plot = viewer.getChart().getCategoryPlot();
        CategoryDataset bars = plot.getDataset();
        assertEquals(List.of("Unfused", "Fused", "INT8 fused"), bars.getColumnKeys());
        var renderer = plot.getRenderer();
        assertTrue(renderer.isItemLabelVisible(0, 2), "the INT8 bar shows its value");
        assertEquals("59.70%", renderer.getItemLabelGenerator(0, 2).generateLabel(bars, 0, 2));
        assertEquals("59.60%", renderer.getItemLabelGenerator(0, 1).generateLabel(bars, 0, 1));
        assertEquals(ChartPalette.LIGHT.int8(), renderer.getItemPaint(0, 2), "INT8 has its own colour");
        String subtitles = viewer.getChart().getSubtitles().toString();
        assertTrue(viewer.getChart().getSubtitles().stream().anyMatch(t -> t instanceof org.jfree.chart.title.TextTitle tt
                && tt.getText().equals("INT8 fused 59.70% in ONNX Runtime: +0.10 points vs float fused 59.60%")), subtitles);
        Path out = Files.createDirectories(Path.of("target", "charts"));
        panel.accuracy().savePng(out.resolve("accuracy-chart-int8.png"));
        robot.interact(() -> SceneSnapshot.write(stage.getScene(), out.resolve("charts-window-int8.png")));
    }

    @Test
    void anUntrainedDesignOffersTrain() throws Exception {
        Path design = tmp.resolve("repvgg-s1.json");
        Files.copy(LatencyChartViewModelTest.SAMPLE, design);
        AtomicInteger asked = new AtomicInteger();
        ChartsDesign d = ChartsDesign.read(design);
        robot.interact(() -> ChartsWindow.open(null, d, Theme.LIGHT, asked::incrementAndGet));
        Stage stage = chartsStage();
        ChartsPanel panel = (ChartsPanel) stage.getScene().getRoot();
        assertTrue(robot.from(panel).lookup("#accuracy-summary").queryAs(Label.class).getText()
                .startsWith("Not trained yet"));
        robot.clickOn("#accuracy-train");
        assertEquals(1, asked.get());
        assertEquals(0, robot.from(panel).lookup("#accuracy-chart").queryAs(ChartViewer.class).getChart()
                .getCategoryPlot().getDataset().getColumnCount());
    }
}
