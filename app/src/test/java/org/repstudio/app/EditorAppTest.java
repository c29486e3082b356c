package org.repstudio.app;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.junit.jupiter.api.BeforeEach;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.EditorViewModel;

/** The running app with its editor and canvas at hand; the design is emptied before closing (no save prompt). */
public abstract class EditorAppTest extends RunningAppTest {

    protected EditorViewModel vm;
    protected EditorCanvas canvas;

    @BeforeEach
    final void lookUpTheEditor() {
        vm = app.model().editor();
        canvas = app.window().canvas();
    }

    @Override
    protected void beforeClosing() {
        robot.interact(() -> vm.load(EditorState.empty()));
    }

    /** A node's bounds on the screen. */
    protected static Bounds screen(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    /** The screen point in the middle of what {@code query} finds. */
    protected Point2D centre(String query) {
        Bounds b = screen(robot.lookup(query).query());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }
}
