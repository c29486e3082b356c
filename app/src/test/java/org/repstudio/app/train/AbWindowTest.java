package org.repstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.repstudio.app.RunningAppTest;
import org.repstudio.core.ab.Ablations;
import org.repstudio.core.train.HarnessSpec;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training window's A/B as a user runs it (headless, Monocle): seeds and ablations set in the form, the
 * A/B button clicked, a tiny study (640 images, one epoch, two seeds) run for real, and the chart read as
 * drawn: every arm named with its seconds per epoch, the verdict in words, and an error bar per arm that is
 * on the canvas (its pixels differ from the background) and of a sane size.
 */
class AbWindowTest extends RunningAppTest {

    @Override
    protected void beforeClosing() {
        TrainingWindow.current().ifPresent(w -> robot.interact(() -> w.stage().close()));
    }

    @Test
    void aTinyAbShowsTheArmsTheVerdictAndErrorBars() throws Exception {
        Path design = tmp.resolve("repvgg-s1.json");
        Files.copy(REPO.resolve("samples/repvgg-s1.json"), design);
        robot.interact(() -> app.open(design));
        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TrainingWindow window = TrainingWindow.current().orElseThrow(() -> new AssertionError("Ctrl+T opened no window"));
        TrainingViewModel vm = window.viewModel();
        assertEquals(String.valueOf(TrainingViewModel.DEFAULT_AB_SEEDS),
                robot.lookup("#train-ab-seeds").queryAs(TextField.class).getText());
        @SuppressWarnings("unchecked")
        ComboBox<HarnessSpec.Layout> harness = robot.lookup("#train-harness").queryAs(ComboBox.class);
        assertEquals("Staged", harness.getConverter().toString(harness.getValue()));

        type("#train-ab-seeds", "2");
        type("#train-epochs", "1");
        type("#train-batch", "32");
        type("#train-max-train", "640");
        type("#train-max-test", "256");
        type("#train-copies", "2");
        @SuppressWarnings("unchecked")
        ComboBox<Ablations.Mode> ablations = robot.lookup("#train-ab-ablations").queryAs(ComboBox.class);
        robot.interact(() -> ablations.setValue(Ablations.Mode.CUMULATIVE));
        assertEquals(2, vm.abSeedsProperty().get(), "the typed seeds reach the model");
        assertEquals(640, vm.maxTrainImagesProperty().get());

        robot.clickOn("#train-ab");
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> vm.statusProperty().get().finished());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.snapshot(Path.of("target", "ab-window.png")));
        assertEquals(TrainingStatus.DONE, vm.statusProperty().get(), vm.messageProperty().get());

        AbChart chart = window.abChart();
        List<String> arms = chart.armLabels();
        assertEquals(List.of("re-param", "plain", "only 3x3", "3x3 + 1x1"),
                arms.stream().map(l -> l.substring(0, l.indexOf('\n'))).toList());
        assertTrue(arms.stream().allMatch(l -> l.contains(" s/epoch") && l.contains(" ± ")), arms.toString());
        assertEquals(0, vm.abProperty().get().arms().stream().mapToLong(a -> a.seeds().size() - a.notConverged()).sum(),
                "one epoch never counts as converged: every seed is drawn as a climbing run");
        List<String> verdicts = chart.verdicts();
        assertEquals(3, verdicts.size(), "re-param against each other arm");
        assertTrue(verdicts.get(0).startsWith("vs plain: "), verdicts.get(0));
        assertTrue(verdicts.stream().allMatch(v -> v.contains("within the noise") || v.contains(" is better")),
                verdicts.toString());
        String status = robot.lookup("#train-status").queryAs(Label.class).getText();
        assertTrue(status.contains(vm.abProperty().get().comparisons().get(0).verdictWords()), status);

        ChartViewer viewer = robot.lookup("#train-ab-chart").queryAs(ChartViewer.class);
        assertTrue(viewer.isVisible() && viewer.getWidth() >= 400 && viewer.getHeight() >= 200,
                viewer.getWidth() + "x" + viewer.getHeight());
        AtomicReference<WritableImage> shot = new AtomicReference<>();
        robot.interact(() -> shot.set(viewer.snapshot(null, null))); // also renders the chart with its info
        Rectangle2D area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        CategoryPlot plot = viewer.getChart().getCategoryPlot();
        PixelReader pixels = shot.get().getPixelReader();
        Color background = pixels.getColor((int) area.getMinX() + 2, (int) area.getMinY() + 2);
        for (int col = 0; col < arms.size(); col++) {
            double[] ms = chart.meanAndStd(col);
            double top = plot.getRangeAxis().valueToJava2D(ms[0] + ms[1], area, plot.getRangeAxisEdge());
            double bottom = plot.getRangeAxis().valueToJava2D(ms[0] - ms[1], area, plot.getRangeAxisEdge());
            double mean = plot.getRangeAxis().valueToJava2D(ms[0], area, plot.getRangeAxisEdge());
            assertTrue(ms[1] > 0 && bottom - top >= 4 && bottom - top < area.getHeight(),
                    arms.get(col) + ": error bar " + (bottom - top) + " px in a " + area.getHeight() + " px plot");
            assertTrue(top >= area.getMinY() - 1 && bottom <= area.getMaxY() + 1, "the whole bar is in the plot");
            int x = (int) Math.round(plot.getDomainAxis().getCategoryMiddle(col, arms.size(), area,
                    plot.getDomainAxisEdge()));
            int drawn = 0;
            int looked = 0;
            for (int y = (int) Math.ceil(top); y <= (int) Math.floor(bottom); y++) {
                if (Math.abs(y - mean) > 4) { // the mean's marker sits across the middle
                    looked++;
                    drawn += far(pixels.getColor(x, y), background) ? 1 : 0;
                }
            }
            assertTrue(looked == 0 || drawn >= 0.8 * looked,
                    arms.get(col) + ": " + drawn + " of " + looked + " pixels of the error bar drawn at x " + x);
        }
    }

    /** Enters {@code text} in a form field as typing and Enter would (the field may be scrolled out of view). */
    private void type(String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> {
            f.requestFocus();
            f.setText(text);
            f.commitValue();
        });
    }

    private static boolean far(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue()) > 0.5;
    }
}
