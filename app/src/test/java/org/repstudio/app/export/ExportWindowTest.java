package org.repstudio.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.repstudio.app.RunningAppTest;
import org.testfx.util.WaitForAsyncUtils;

/** File &gt; Export ONNX… in the running app (headless): the window, its progress, report and errors. */
class ExportWindowTest extends RunningAppTest {

    @Override
    protected void beforeClosing() {
        ExportWindow.current().ifPresent(w -> robot.interact(() -> w.stage().close()));
    }

    @Test
    void exportFromTheFileMenuShowsTheReportAndErrorsInTheWindow() throws Exception {
        Path design = tmp.resolve("acb-k3.json");
        Files.copy(REPO.resolve("samples/acb-k3.json"), design);
        robot.interact(() -> app.open(design));
        MenuItem item = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "menu-file".equals(m.getId())).findFirst().orElseThrow().getItems().stream()
                .filter(i -> "menu-export-onnx".equals(i.getId())).findFirst().orElseThrow();
        assertEquals("Export ONNX…", item.getText());
        robot.interact(item::fire);
        ExportWindow w = ExportWindow.current().orElseThrow(() -> new AssertionError("no export window"));
        assertTrue(w.stage().getTitle().contains("acb-k3.json"), w.stage().getTitle());

        CheckBox weights = robot.lookup("#export-found-weights").queryAs(CheckBox.class);
        assertTrue(weights.getText().contains("random with seed 42"), weights.getText());
        assertTrue(weights.isDisabled(), "an untrained design without a sidecar has no stored weights to choose");
        TextField output = robot.lookup("#export-output").queryAs(TextField.class);
        assertEquals(tmp.resolve("acb-k3-fused.onnx").toString(), output.getText());

        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> w.viewModel().statusProperty().get() == ExportViewModel.Status.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        TextArea report = robot.lookup("#export-report").queryAs(TextArea.class);
        assertTrue(report.isVisible() && report.getText().startsWith("wrote " + tmp.resolve("acb-k3-fused.onnx")),
                report.getText());
        assertTrue(report.getText().contains("1 nodes") || report.getText().contains("Conv"), report.getText());
        Label message = robot.lookup("#export-message").queryAs(Label.class);
        assertTrue(message.getText().startsWith("Exported acb-k3-fused.onnx"), message.getText());
        assertTrue(Files.size(tmp.resolve("acb-k3-fused.onnx")) > 0);

        robot.interact(() -> output.setText(tmp.resolve("missing/m.onnx").toString()));
        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> w.viewModel().statusProperty().get() == ExportViewModel.Status.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message.getText().startsWith("Cannot export to " + tmp.resolve("missing/m.onnx")), message.getText());
        assertTrue(message.getStyleClass().contains("rs-export-error"));
        assertFalse(Files.exists(tmp.resolve("missing")));
    }
}
