package org.repstudio.app.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.repstudio.app.RunningAppTest;
import org.repstudio.app.collapse.HeatMap;

/** Analyze ▸ Quantization (INT8)… on a sample, for real and headless: what a person sees in the window. */
class QuantWindowTest extends RunningAppTest {

    @Test
    void theAnalyzeMenuOpensOneRowPerFusedKernelWithItsErrorMap() {
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        robot.interact(() -> robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> "menu-analyze".equals(m.getId())).findFirst().orElseThrow()
                .getItems().stream().filter(i -> "menu-quantization".equals(i.getId())).findFirst().orElseThrow()
                .fire());
        Stage q = (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Quantization"))
                .findFirst().orElseThrow();
        assertEquals("Quantization (INT8): RepVGG block, stride 1", q.getTitle());
        List<Label> titles = List.copyOf(robot.from(q.getScene().getRoot()).lookup(".quant-kernel-title")
                .queryAllAs(Label.class));
        assertEquals(1, titles.size());
        assertTrue(titles.get(0).getText().startsWith("add [16, 16, 3, 3]: range spread"), titles.get(0).getText());
        HeatMap error = robot.from(q.getScene().getRoot()).lookup(".quant-error-map").queryAs(HeatMap.class);
        assertEquals(16 * QuantWindow.ERROR_CELL + 26, error.getHeight(), 1e-9, "one row per output channel");
        assertTrue(error.isVisible());
        assertTrue(robot.from(q.getScene().getRoot()).lookup((Label l) -> l.getText().contains("bn_id")).tryQuery()
                .isPresent(), "the identity branch is named among the widest channels' shares");
        robot.interact(q::close);
    }

    @Test
    void theCollapsePlayerOpensTheViewOfItsOwnTrace() throws Exception {
        robot.interact(() -> app.open(REPO.resolve("samples/qarepvgg.json")));
        robot.clickOn("#tool-collapse");
        var mode = app.window().collapse();
        org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> mode.active() && !mode.busy() && mode.view().model().trace() != null);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#collapse-quantization");
        Stage q = quantStage();
        assertTrue(robot.from(q.getScene().getRoot()).lookup((Label l) -> l.getText().contains("% identity"))
                .tryQuery().isPresent(), "QARepVGG's bare identity is named as a branch");
        robot.interact(q::close);
    }

    private static Stage quantStage() {
        return (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Quantization"))
                .findFirst().orElseThrow();
    }
}
