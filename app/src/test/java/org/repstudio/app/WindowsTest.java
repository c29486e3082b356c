package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.repstudio.app.fx.WindowGeometry;
import org.repstudio.app.train.TrainingWindow;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Windows as a user finds them: the main window sized to the screen with its status bar on it, its place
 * and splitters remembered, the Train window over a maximised main window, Ctrl+T from the collapse view,
 * and an empty canvas saying how to start.
 */
class WindowsTest extends RunningAppTest {

    @Override
    protected void beforeClosing() {
        TrainingWindow.current().ifPresent(w -> robot.interact(() -> w.stage().close()));
    }

    private static Bounds screen(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    private static boolean on(Rectangle2D screen, Stage s) {
        return s.getX() >= screen.getMinX() - 1 && s.getY() >= screen.getMinY() - 1
                && s.getX() + s.getWidth() <= screen.getMaxX() + 1 && s.getY() + s.getHeight() <= screen.getMaxY() + 1;
    }

    @Test
    void theMainWindowFillsMostOfTheScreenWithItsStatusBarOnIt() {
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertTrue(stage.getWidth() >= screen.getWidth() * 0.8 && stage.getHeight() >= screen.getHeight() * 0.8,
                "sized to the screen: " + stage.getWidth() + "x" + stage.getHeight() + " on " + screen);
        assertTrue(on(screen, stage), "on the screen");
        Bounds status = screen(robot.lookup("#status-bar").query());
        assertTrue(status.getHeight() > 10 && status.getMaxY() <= stage.getY() + stage.getHeight() + 1,
                "status bar inside the window: " + status);
        // the empty canvas says how to start; the empty design is not listed as a problem
        Label hint = robot.lookup("#canvas-empty-hint").queryAs(Label.class);
        assertTrue(hint.isVisible() && hint.getWidth() > 100 && hint.getText().contains("Samples"), hint.getText());
        assertTrue(screen(app.window().canvas()).contains(screen(hint)), "hint inside the canvas");
        assertTrue(robot.lookup("#problems").queryAs(javafx.scene.control.ListView.class).getItems().isEmpty());
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        assertFalse(hint.isVisible(), "no hint once there is a design");
    }

    @Test
    void placeAndSplittersAreRememberedBetweenSessions() throws Exception {
        robot.interact(() -> {
            stage.setX(30);
            stage.setY(20);
            stage.setWidth(1100); // Monocle's window buffer cannot grow: the window only shrinks below
            stage.setHeight(600);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> app.window().split().setDividerPositions(200 / app.window().split().getWidth(),
                1 - 300 / app.window().split().getWidth()));
        robot.interact(() -> app.open(REPO.resolve("samples/networks/repvgg-a0.json")));
        WaitForAsyncUtils.waitForFxEvents();
        double[] d = app.window().split().getDividerPositions();
        double total = app.window().split().getWidth();
        assertEquals(200, d[0] * total, 3, "opening a design leaves the palette's width");
        assertEquals(300, (1 - d[1]) * total, 3, "opening a design leaves the inspector's width");
        robot.interact(() -> stage.setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        d = app.window().split().getDividerPositions();
        total = app.window().split().getWidth();
        assertEquals(300, (1 - d[1]) * total, 3, "a narrower window narrows the canvas, not the inspector");
        assertEquals(200, d[0] * total, 3, "nor the palette");
        robot.interact(stage::close);
        WindowGeometry g = WindowGeometry.read(tmp.resolve("state")).orElseThrow();
        assertEquals(new Rectangle2D(30, 20, 900, 600), g.bounds());
        assertEquals(200, g.paletteWidth(), 2);
        assertEquals(300, g.sideWidth(), 2);
        assertFalse(g.maximized());
        // a later start on a smaller screen is moved and shrunk onto it
        WindowGeometry off = new WindowGeometry(5000, -40, 3000, 500, true, 150, 250).within(new Rectangle2D(0, 0, 1280, 800));
        assertEquals(new Rectangle2D(0, 0, 1280, 500), off.bounds());
    }

    @Test
    void theTrainWindowOpensOverAMaximisedMainWindowWithCtrlTFromTheCollapseView() {
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        robot.interact(() -> stage.setMaximized(true));
        robot.interact(() -> app.window().collapse().enter());
        assertTrue(app.window().collapse().active());
        robot.clickOn("#collapse-canvas"); // the keyboard is on the player's canvas
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Stage train = TrainingWindow.current().orElseThrow(() -> new AssertionError("Ctrl+T in the collapse view")).stage();
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertTrue(train.getWidth() >= 700 && train.getHeight() >= 450, train.getWidth() + "x" + train.getHeight());
        assertTrue(on(screen, train), "on the screen: " + train.getX() + "," + train.getY());
        assertEquals(stage, train.getOwner());
        double cx = train.getX() + train.getWidth() / 2;
        double cy = train.getY() + train.getHeight() / 2;
        assertEquals(stage.getX() + stage.getWidth() / 2, cx, 40, "centred on the main window");
        assertEquals(stage.getY() + stage.getHeight() / 2, cy, 40, "centred on the main window");
    }

    @Test
    void aQuestionOpensOverTheMiddleOfAMaximisedMainWindowWhichStaysMaximised() {
        robot.interact(() -> stage.setMaximized(true));
        javafx.scene.control.Alert[] alert = new javafx.scene.control.Alert[1];
        robot.interact(() -> {
            alert[0] = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION);
            alert[0].initOwner(stage);
            alert[0].setHeaderText("Save changes to untitled?");
            javafx.application.Platform.runLater(() -> org.repstudio.app.fx.WindowPlacement.showAndWait(alert[0], stage));
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        Stage shown = (Stage) alert[0].getDialogPane().getScene().getWindow();
        assertTrue(shown.isShowing(), "the question shows");
        Label header = robot.lookup(".dialog-pane .header-panel .label").queryAs(Label.class);
        assertEquals("Save changes to untitled?", header.getText());
        assertTrue(shown.getWidth() > 200 && shown.getHeight() > 80, shown.getWidth() + "x" + shown.getHeight());
        assertEquals(stage.getX() + stage.getWidth() / 2, shown.getX() + shown.getWidth() / 2, 40,
                "centred on the main window, not at the screen's corner");
        robot.interact(() -> alert[0].close());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isMaximized(), "still maximised after the question");
    }
}
