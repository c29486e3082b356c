package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.repstudio.app.editor.PaletteItem;
import org.repstudio.core.io.DesignIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a new user sees first: the insert box and the refusal label have a real size and their text, a
 * wire dropped on a wired sum input adds an input, and whole networks open folded, fitted and unmodified.
 */
class FirstUseTest extends EditorAppTest {

    @Test
    void theInsertBoxShowsASearchFieldAndAListOfOpNames() {
        Point2D at = centre("#canvas");
        robot.doubleClickOn(at.getX(), at.getY(), javafx.scene.input.MouseButton.PRIMARY);
        Node box = robot.lookup("#quick-insert").query();
        TextField field = robot.lookup("#quick-search").queryAs(TextField.class);
        ListView<?> list = robot.lookup("#quick-list").queryAs(ListView.class);
        assertTrue(box.isVisible());
        Node hint = robot.lookup("#canvas-empty-hint").query();
        assertFalse(hint.isVisible(), "the how-to-start hint steps aside while the insert box is open");
        Bounds b = screen(box);
        assertTrue(b.getWidth() >= 180 && b.getHeight() >= 180, "the box has room for a field and a list: " + b);
        Bounds f = screen(field);
        assertTrue(field.isVisible() && f.getWidth() >= 150 && f.getHeight() >= 18, "a field you can see: " + f);
        Bounds l = screen(list);
        assertTrue(list.isVisible() && l.getWidth() >= 150 && l.getHeight() >= 120, "a list you can see: " + l);
        assertTrue(b.contains(f) && b.contains(l), "field and list inside the box");
        assertTrue(screen(canvas).contains(b), "the box inside the canvas: " + b);
        assertTrue(field.isFocused(), "typing goes to the search field");
        // the op names are drawn in visible cells, not only held by the list
        List<String> shown = robot.lookup("#quick-list .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().filter(c -> c.isVisible() && c.getText() != null && c.getHeight() > 10)
                .map(javafx.scene.control.ListCell::getText).toList();
        List<String> first = PaletteItem.all().stream().map(PaletteItem::name).limit(4).toList();
        assertTrue(shown.containsAll(first), "visible rows " + shown + " show " + first);
        robot.write("batch");
        assertEquals("BatchNorm", ((PaletteItem) list.getSelectionModel().getSelectedItem()).name());
        robot.type(KeyCode.ENTER);
        assertEquals(1, vm.graph().nodes().size());
        assertFalse(box.isVisible());
        assertFalse(hint.isVisible(), "no hint once there is a node");
    }

    @Test
    void escapeOnTheInsertBoxBringsTheHintBack() {
        Point2D at = centre("#canvas");
        robot.doubleClickOn(at.getX(), at.getY(), javafx.scene.input.MouseButton.PRIMARY);
        Node hint = robot.lookup("#canvas-empty-hint").query();
        assertFalse(hint.isVisible());
        robot.type(KeyCode.ESCAPE);
        assertFalse(robot.lookup("#quick-insert").query().isVisible(), "Escape closes the insert box");
        assertTrue(hint.isVisible() && hint.getBoundsInLocal().getWidth() > 100, "the empty canvas says how to start again");
    }

    @Test
    void aRefusedWireSaysWhyNearTheCursorWhileDragging() throws Exception {
        java.nio.file.Path f = tmp.resolve("tiny.json");
        DesignIO.write(f, TestDesigns.tiny());
        robot.interact(() -> app.open(f));
        robot.drag("#port-out-conv").moveTo("#node-in");
        Label refusal = robot.lookup("#connect-refusal").queryAs(Label.class);
        try {
            assertTrue(refusal.isVisible(), "refusal shown while the wire is over the input node");
            Bounds r = screen(refusal);
            assertTrue(r.getWidth() > 60 && r.getHeight() > 10, "the refusal has a size: " + r);
            assertTrue(refusal.getText().contains("an input node takes no inputs"), refusal.getText());
            Point2D cursor = robot.point("#node-in").query();
            assertTrue(Math.abs(r.getMinX() - cursor.getX()) < 60 && Math.abs(r.getMinY() - cursor.getY()) < 60,
                    "near the cursor " + cursor + ": " + r);
            assertTrue(screen(canvas).contains(r), "inside the canvas: " + r);
            // the whole text fits: the label is as wide as its text needs (not cut to "…")
            assertTrue(refusal.getWidth() >= refusal.prefWidth(-1) - 1, "text not cut");
        } finally {
            robot.drop();
        }
    }

    @Test
    void aWireDroppedOnAWiredSumInputAddsAnInput() {
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        assertEquals(List.of("bn3x3", "bn1x1", "bn_id"), vm.graph().inputsOf("add"));
        robot.drag("#port-out-in").dropTo("#port-in-add-0");
        assertEquals(List.of("in", "bn3x3", "bn1x1", "bn_id"), vm.graph().inputsOf("add"),
                "the wire joins in at the port it was dropped on; none is lost");
        robot.interact(vm::undo);
        assertEquals(List.of("bn3x3", "bn1x1", "bn_id"), vm.graph().inputsOf("add"));
    }

    @Test
    void lettersInANumberFieldAreRefusedWithAReasonAndCtrlZInTheFieldUndoesTheEdit() throws Exception {
        java.nio.file.Path f = tmp.resolve("tiny.json");
        DesignIO.write(f, TestDesigns.tiny());
        robot.interact(() -> app.open(f));
        robot.clickOn("#node-conv");
        TextField kernel = robot.lookup("#field-kernelH").queryAs(TextField.class);
        Label why = robot.lookup("#inspector-field-error").queryAs(Label.class);
        assertFalse(why.isVisible());
        robot.doubleClickOn(kernel).write("x");
        assertEquals("3", kernel.getText(), "the letter is not taken");
        assertTrue(why.isVisible() && why.getText().contains("kernelH takes a whole number"), why.getText());
        assertTrue(screen(why).getHeight() > 8, "the reason has a size");
        robot.interact(() -> kernel.setText("5"));
        robot.clickOn(kernel).type(KeyCode.ENTER);
        assertEquals(5, ((org.repstudio.core.graph.Op.Conv) vm.graph().node("conv").op()).kernelH());
        assertFalse(why.isVisible(), "a good value clears the reason");
        robot.clickOn(kernel).press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(3, ((org.repstudio.core.graph.Op.Conv) vm.graph().node("conv").op()).kernelH(),
                "Ctrl+Z in the field undoes the edit of the design, not only the text");
        assertEquals("3", robot.lookup("#field-kernelH").queryAs(TextField.class).getText());
    }

    @Test
    void fileSamplesNamesEachSamplesMethodAndDescription() {
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu samples = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "menu-samples".equals(i.getId())).findFirst().orElseThrow();
        javafx.scene.control.CustomMenuItem s1 = (javafx.scene.control.CustomMenuItem) samples.getItems().stream()
                .filter(i -> "sample-repvgg-s1".equals(i.getId())).findFirst().orElseThrow();
        List<String> lines = ((javafx.scene.layout.VBox) s1.getContent()).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertEquals(List.of("repvgg-s1  ·  RepVGG", "3x3-BN + 1x1-BN + BN identity, summed, ReLU (16 ch, 32x32)"), lines);
    }

    @Test
    void repVggA0OpensReadableFittedAndUnmodified() {
        opensWholeNetworkInView("samples/networks/repvgg-a0.json");
    }

    @Test
    void findNodeJumpsToItAndTheOverviewShowsWhileZoomedIn() {
        robot.interact(() -> app.open(REPO.resolve("samples/networks/repvgg-a0.json")));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(canvas.overviewShown(), "the whole design is in view: no overview");
        robot.interact(() -> canvas.zoomAt(0, 0, 1 / canvas.zoom()));
        assertTrue(canvas.overviewShown(), "zoomed in on a corner: the overview shows");
        Bounds map = screen(robot.lookup("#minimap").query());
        assertTrue(screen(canvas).contains(map) && map.getWidth() > 100, "overview inside the canvas: " + map);
        robot.clickOn("#canvas").press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertTrue(robot.lookup("#find-node").query().isVisible());
        assertTrue(screen(robot.lookup("#find-node-field").query()).getWidth() > 150);
        robot.write("s3b13 add");
        assertEquals(java.util.Set.of("s3b13_add"), vm.selection());
        Bounds box = screen(canvas.skinOf("s3b13_add").orElseThrow());
        assertTrue(screen(canvas).contains(box), "found node centred in view: " + box);
        robot.type(KeyCode.ESCAPE);
        assertFalse(robot.lookup("#find-node").query().isVisible());
        // a click on the overview moves the view there
        double before = canvas.toWorld(0, 0).getX();
        robot.clickOn(map.getMinX() + 8, map.getCenterY(), javafx.scene.input.MouseButton.PRIMARY);
        assertTrue(canvas.toWorld(0, 0).getX() < before - 500, "view moved left: " + before + " to " + canvas.toWorld(0, 0));
        assertFalse(vm.isDirty(), "finding and looking around edit nothing");
    }

    @Test
    void mobileOneS0OpensReadableFittedAndUnmodified() {
        opensWholeNetworkInView("samples/networks/mobileone-s0.json");
    }

    private void opensWholeNetworkInView(String sample) {
        robot.interact(() -> app.open(REPO.resolve(sample)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.isDirty(), "opening is not an edit");
        assertFalse(stage.getTitle().endsWith("•"), stage.getTitle());
        assertEquals("", vm.undoNameProperty().get(), "nothing to undo after opening");
        everyNodeInView("after open");
        assertTrue(canvas.zoom() >= 0.1, "zoom " + canvas.zoom());
        robot.interact(() -> canvas.zoomAt(0, 0, 4)); // zoomed in on a corner: most nodes out of view
        robot.clickOn("#canvas").type(KeyCode.F);
        everyNodeInView("after F");
        assertFalse(vm.isDirty());
    }

    private void everyNodeInView(String when) {
        Bounds view = screen(canvas);
        java.util.Map<String, Bounds> boxes = new java.util.LinkedHashMap<>();
        robot.interact(() -> vm.graph().nodes().keySet().forEach(id ->
                boxes.put(id, screen(canvas.skinOf(vm.visibleId(id)).orElseThrow()))));
        boxes.forEach((id, box) ->
                assertTrue(view.contains(box), when + ": " + id + " at " + box + " outside the canvas " + view));
    }
}
