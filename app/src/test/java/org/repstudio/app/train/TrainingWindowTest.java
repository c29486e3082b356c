package org.repstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.repstudio.app.RunningAppTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training window opened from the editor's Train menu (headless, Monocle): a very short real run fills
 * the chart while it runs and ends with a result row. {@code -Drepstudio.trainingShowcase=FILE.png} makes the
 * run longer, on more images, and writes a picture of the window there (docs/images/training.png). The A/B is
 * {@link AbWindowTest}'s.
 */
class TrainingWindowTest extends RunningAppTest {

    @Override
    protected void beforeClosing() {
        TrainingWindow.current().ifPresent(w -> robot.interact(() -> w.stage().close()));
    }

    @Test
    void trainFromTheMenuFillsTheChartsAndShowsTheResult() throws Exception {
        Path design = tmp.resolve("repvgg-s1.json"); // a copy: the trained files land beside it
        Files.copy(REPO.resolve("samples/repvgg-s1.json"), design);
        robot.interact(() -> app.open(design));
        MenuItem item = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "menu-train".equals(m.getId())).findFirst().orElseThrow().getItems().get(0);
        assertEquals("Train Design…", item.getText());

        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TrainingWindow window = TrainingWindow.current().orElseThrow(() -> new AssertionError("Ctrl+T opened no window"));
        Stage stage = window.stage();
        assertTrue(stage.isShowing());
        assertTrue(stage.getTitle().contains("repvgg-s1.json"), stage.getTitle());
        TrainingViewModel vm = window.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.preview().size() == TrainingViewModel.PREVIEW_SIZE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingViewModel.PREVIEW_SIZE,
                robot.lookup("#train-preview").queryAs(javafx.scene.layout.HBox.class).getChildren().size());

        // ticking "Allow downloads" shows where DJL's datasets come from; unticked again, nothing is fetched
        javafx.scene.control.CheckBox allow = robot.lookup("#train-allow-downloads").queryAs(javafx.scene.control.CheckBox.class);
        Label note = robot.lookup("#train-download-note").queryAs(Label.class);
        assertTrue(!allow.isSelected() && !note.isVisible(), "downloads start off");
        robot.interact(() -> allow.setSelected(true));
        assertTrue(note.isVisible() && note.getText().contains("on first use"), note.getText());
        robot.interact(() -> allow.setSelected(false));
        assertTrue(!note.isVisible() && !vm.allowDownloadsProperty().get());
        javafx.scene.control.ComboBox<?> source = robot.lookup("#train-dataset").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("Built-in shapes", source.getButtonCell().getText(),
                "the source box still shows the dataset after the list was rebuilt; value " + source.getValue());

        String showcase = System.getProperty("repstudio.trainingShowcase");
        boolean big = showcase != null && !showcase.isBlank();
        robot.interact(() -> {
            vm.batchSizeProperty().set(32);
            vm.maxTrainImagesProperty().set(big ? 2000 : 320);
            vm.maxTestImagesProperty().set(big ? 1000 : 64);
            vm.copiesProperty().set(big ? 2 : 1);
            vm.epochsProperty().set(big ? 3 : 1);
        });
        // seen on the FX thread as each point arrives: on a busy machine the short run may end before a poll
        java.util.concurrent.atomic.AtomicBoolean drawnWhileRunning = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> vm.seriesRevisionProperty().addListener((o, a, b) -> {
            if (vm.statusProperty().get() == TrainingStatus.RUNNING && window.chartPoints() > 0) {
                drawnWhileRunning.set(true);
            }
        }));
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.chartPoints() > 0);
        WaitForAsyncUtils.waitFor(big ? 600 : 120, TimeUnit.SECONDS, () -> vm.statusProperty().get().finished());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TrainingStatus.DONE, vm.statusProperty().get(), vm.messageProperty().get());
        assertTrue(drawnWhileRunning.get(), "the chart moves while it runs");
        assertEquals(vm.runs().stream().mapToInt(r -> r.loss().size()).sum(), window.chartPoints(), "all drawn");
        if (!big) {
            assertEquals(10, window.chartPoints(), "one point per step: 320 / 32");
        }
        TableView<?> table = robot.lookup("#train-results").queryAs(TableView.class);
        assertEquals(1, table.getItems().size());
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        assertTrue(columns <= table.getWidth(), "every result column in view: columns " + columns
                + " px, table " + table.getWidth() + " px");
        String status = robot.lookup("#train-status").queryAs(Label.class).getText();
        assertTrue(status.contains("fused"), status);
        assertTrue(robot.lookup("#train-saved").queryAs(Label.class).getText().contains("repvgg-s1.train.json"));
        assertTrue(Files.exists(tmp.resolve("repvgg-s1.train.json")));
        robot.interact(() -> window.snapshot(big ? Path.of(showcase) : Path.of("target", "training-window.png")));
    }
}
