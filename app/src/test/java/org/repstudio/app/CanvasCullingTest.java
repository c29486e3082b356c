package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Pos;

/** The canvas skins only what is in (or near) the view, and the rest as panning brings it in. */
class CanvasCullingTest extends RunningAppTest {

    @Test
    void onlyTheBoxesInViewAreMadeAndPanningMakesTheRest() {
        EditorCanvas canvas = app.window().canvas();
        EditorViewModel vm = app.model().editor();
        robot.interact(() -> app.open(REPO.resolve("samples/networks/repvgg-a0.json")));
        robot.interact(canvas::fit);
        // opened folded and fitted, the whole network is in view: at 100 % only its top-left corner is
        robot.interact(() -> canvas.zoomAt(0, 0, 1 / canvas.zoom()));
        int nodes = vm.graph().nodes().size();
        int skinned = canvas.skinnedCount();
        assertTrue(skinned > 0 && skinned < nodes, skinned + " of " + nodes + " skinned");
        assertEquals(skinned, robot.lookup(".rs-node").queryAll().size());
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        for (Node box : robot.lookup(".rs-node").queryAll()) {
            Bounds b = box.localToScene(box.getBoundsInLocal());
            assertTrue(b.getMaxX() > view.getMinX() - 240 && b.getMinX() < view.getMaxX() + 240, box.getId() + " " + b);
        }
        // panning with the right button brings boxes further right into view, and they are made
        double rightmost = robot.lookup(".rs-node").queryAll().stream().mapToDouble(Node::getLayoutX).max().orElseThrow();
        javafx.geometry.Bounds screen = canvas.localToScreen(canvas.getLayoutBounds());
        robot.drag(new javafx.geometry.Point2D(screen.getCenterX() + 200, screen.getCenterY() + 150),
                javafx.scene.input.MouseButton.SECONDARY).dropBy(-400, 0);
        assertTrue(robot.lookup(".rs-node").queryAll().stream().mapToDouble(Node::getLayoutX).max().orElseThrow()
                > rightmost, "panned right: new boxes on the right");
        String last = vm.graph().nodes().keySet().stream()
                .max(Comparator.comparingDouble(id -> vm.state().pos(id).x())).orElseThrow();
        assertTrue(robot.lookup("#node-" + last).tryQuery().isEmpty(), "the far end is out of view, not skinned");
        robot.interact(() -> canvas.centreOn(last));
        assertTrue(robot.lookup("#node-" + last).tryQuery().isPresent(), "skinned once in view");
        Pos p = vm.state().pos(last);
        Node box = robot.lookup("#node-" + last).query();
        assertEquals(p.x(), box.getLayoutX(), 1e-9);
        assertEquals(p.y(), box.getLayoutY(), 1e-9);
        // an edit reaches skins made late, and wires to what is in view are drawn with their shapes
        String first = vm.graph().nodes().keySet().iterator().next();
        robot.interact(() -> vm.select(java.util.List.of(first, last)));
        assertTrue(box.getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("selected")));
        boolean[] made = new boolean[1];
        robot.interact(() -> made[0] = canvas.skinOf(first).isPresent());
        assertTrue(made[0], "asked for, a box out of view is made");
        assertFalse(robot.lookup(".rs-wire").queryAll().isEmpty());
        robot.interact(() -> canvas.zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 0.2 / canvas.zoom()));
        assertTrue(canvas.zoom() < EditorCanvas.LABEL_MIN_ZOOM);
        assertTrue(robot.lookup(".rs-wire-label").queryAll().stream().noneMatch(l -> l.isVisible() && l.getParent().isVisible()),
                "zoomed out too far to read, wires carry no shape labels");
        robot.interact(() -> canvas.zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 1 / canvas.zoom()));
        org.repstudio.core.graph.Edge into = vm.graph().edges().stream().filter(e -> e.to().equals(last))
                .findFirst().orElseThrow();
        int labelled = robot.lookup(".rs-wire-label").queryAll().size();
        javafx.scene.control.Label[] got = new javafx.scene.control.Label[1];
        robot.interact(() -> got[0] = canvas.wireLabel(into).orElseThrow());
        javafx.scene.control.Label label = got[0];
        assertEquals(labelled, robot.lookup(".rs-wire-label").queryAll().size(), "in view, it was labelled already");
        assertTrue(label.isVisible() && label.getParent().isVisible(), "legible at 100 %: labelled");
        org.repstudio.core.graph.TensorShape shape = vm.feedback().shapes().get(into.from());
        assertTrue(label.getText().startsWith(Integer.toString(shape.channels())), label.getText());
        assertTrue(robot.lookup(".rs-wire-label").queryAll().size() < canvas.wireCount(), "only wires in view");
    }
}
