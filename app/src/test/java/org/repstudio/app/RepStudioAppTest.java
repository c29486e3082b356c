package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.repstudio.app.canvas.NodeSkin;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignIO;

/** The real editor window, headless (Monocle), driven with the mouse and keyboard. */
class RepStudioAppTest extends EditorAppTest {

    private Path tiny() throws Exception {
        Path f = tmp.resolve("tiny.json");
        DesignIO.write(f, TestDesigns.tiny());
        robot.interact(() -> app.open(f));
        return f;
    }

    @Test
    void startsWithEngineStatusPaletteAndTheme() {
        assertTrue(stage.getTitle().startsWith("RepStudio"));
        assertEquals("Engine: DJL PyTorch (CPU)", robot.lookup("#status-engine").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#status-device").queryAs(Label.class).getText().startsWith("Device:"));
        assertTrue(robot.lookup("#palette-Conv").tryQuery().isPresent());
        assertTrue(stage.getScene().getStylesheets().get(0).endsWith("assets/themes/base.css"));
    }

    @Test
    void dragAConvFromThePaletteConnectItAndSeeAnInvalidConnectionRefused() throws Exception {
        tiny();
        Point2D drop = centre("#node-conv").add(0, 160);
        robot.drag("#palette-Conv").dropTo(drop);
        assertTrue(vm.graph().contains("conv1"), vm.graph().nodes().keySet().toString());
        assertEquals("Add conv", vm.undoNameProperty().get());

        robot.drag("#port-out-in").dropTo("#port-in-conv1-0");
        assertTrue(vm.graph().edges().contains(new Edge("in", "conv1", 0)), vm.graph().edges().toString());
        assertEquals("4×8×8", canvas.wireLabel(new Edge("conv", "out", 0)).orElseThrow().getText());

        Graph before = vm.graph();
        robot.drag("#port-out-conv1").dropTo("#node-in");
        assertEquals(before, vm.graph(), "refused: an input takes no inputs");
        String why = canvas.visibleRefusal().orElseThrow();
        assertTrue(why.contains("arity"), why);
        assertTrue(robot.lookup("#status-message").queryAs(Label.class).getText().contains("Refused"));
    }

    @Test
    void editAKernelInTheInspectorUpdatesTheShapeAndUndoRedoWorkOnKeys() throws Exception {
        tiny();
        robot.clickOn("#node-conv");
        assertEquals(Set.of("conv"), vm.selection());
        TextField kernel = robot.lookup("#field-kernelH").queryAs(TextField.class);
        robot.interact(() -> kernel.setText("5"));
        robot.clickOn(kernel).type(KeyCode.ENTER);
        assertEquals(5, ((Op.Conv) vm.graph().node("conv").op()).kernelH());
        assertEquals("4×6×8", canvas.wireLabel(new Edge("conv", "out", 0)).orElseThrow().getText());
        assertEquals("Edit conv kernelH", vm.undoNameProperty().get());
        MenuItem undo = menuItem("menu-edit", "menu-undo");
        assertEquals("Undo Edit conv kernelH", undo.getText());

        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals("4×8×8", canvas.wireLabel(new Edge("conv", "out", 0)).orElseThrow().getText());
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertEquals("4×6×8", canvas.wireLabel(new Edge("conv", "out", 0)).orElseThrow().getText());

        robot.interact(() -> vm.setField("conv", "groups", 3));
        NodeSkin skin = canvas.skinOf("conv").orElseThrow();
        assertTrue(skin.hasError() && skin.errorText().contains("groups"), skin.errorText());
        assertTrue(robot.lookup("#badge-error-conv").query().isVisible());

        robot.interact(vm::clearSelection);
        javafx.scene.control.ListView<?> problems = robot.lookup("#problems").queryAs(javafx.scene.control.ListView.class);
        assertEquals(1, problems.getItems().size(), problems.getItems().toString());
        javafx.scene.Node row = robot.lookup("#problems .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() != null && c.isVisible()).query();
        robot.clickOn(row);
        assertEquals(Set.of("conv"), vm.selection(), "the problem jumps to its node");

        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        assertFalse(vm.isDirty(), "Ctrl+S saved to the open file");
    }

    @Test
    void moveSelectDeleteAndDuplicateWithTheMouseAndKeys() throws Exception {
        tiny();
        double x = vm.state().pos("conv").x();
        robot.drag("#node-conv").dropBy(60, 100);
        assertTrue(vm.state().pos("conv").x() > x, "moved");
        assertTrue(vm.undoNameProperty().get().startsWith("Move"), "one step: " + vm.undoNameProperty().get());
        robot.clickOn("#node-in").press(KeyCode.SHIFT).clickOn("#node-conv").release(KeyCode.SHIFT);
        assertEquals(Set.of("in", "conv"), vm.selection());
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        assertEquals(5, vm.graph().nodes().size());
        assertEquals(3, vm.graph().edges().size(), "the wire between the copies came along");
        robot.type(KeyCode.DELETE);
        assertEquals(3, vm.graph().nodes().size());
        robot.type(KeyCode.F);
        assertTrue(canvas.zoom() > 0);
    }

    @Test
    void saveAndReopenGiveAnIdenticalGraph() throws Exception {
        tiny();
        robot.interact(() -> {
            String relu = vm.addNode(new Op.Relu(), new org.repstudio.app.editor.Pos(300, 200));
            vm.connect("conv", relu, 0);
        });
        Graph edited = vm.graph();
        Path saved = tmp.resolve("saved.json");
        robot.interact(() -> app.model().saveAs(saved));
        assertFalse(vm.isDirty());
        robot.interact(() -> app.model().newDesign());
        assertTrue(vm.graph().nodes().isEmpty());
        robot.interact(() -> app.open(saved));
        assertEquals(edited, vm.graph());
        assertEquals(4, robot.lookup(".rs-node").queryAll().size());
    }

    @Test
    void everySampleOpensWithoutProblems() {
        List<String> bad = new ArrayList<>();
        for (Path sample : app.model().paths().sampleFiles()) {
            robot.interact(() -> app.open(sample));
            // boxes are made for what is in view (a large sample is only partly skinned), every node has one
            boolean[] boxes = {robot.lookup(".rs-node").queryAll().size() == canvas.skinnedCount()};
            robot.interact(() -> boxes[0] &= vm.graph().nodes().keySet().stream()
                    .allMatch(id -> canvas.skinOf(id).isPresent()));
            if (!vm.feedback().problems().isEmpty() || vm.graph().nodes().isEmpty() || !boxes[0]) {
                bad.add(sample.getFileName() + ": " + vm.feedback().problems());
            }
        }
        assertTrue(app.model().paths().sampleFiles().size() >= 15);
        assertTrue(bad.isEmpty(), bad.toString());
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        assertTrue(vm.feedback().regions().values().stream().anyMatch(r -> r.fusable()));
    }

    @Test
    void groupSelectedNodesIntoABlockAndExpandItBack() {
        robot.interact(() -> app.open(REPO.resolve("samples/repvgg-s1.json")));
        List<String> ids = new ArrayList<>(vm.graph().nodes().keySet()).subList(1, 3);
        robot.clickOn("#node-" + ids.get(0)).press(KeyCode.SHIFT).clickOn("#node-" + ids.get(1)).release(KeyCode.SHIFT);
        assertEquals(Set.copyOf(ids), vm.selection());
        robot.interact(() -> vm.group("Branch"));
        assertTrue(robot.lookup("#node-Branch1").tryQuery().isPresent(), vm.state().groups().toString());
        assertTrue(robot.lookup("#node-" + ids.get(0)).tryQuery().isEmpty(), "members hidden in the block");
        int nodes = vm.graph().nodes().size();
        robot.drag("#block-Branch").dropTo(centre("#canvas").add(0, 200));
        assertEquals(nodes + 2, vm.graph().nodes().size(), "the block placed again from the Blocks list");
        assertEquals(2, vm.state().groups().size());
        robot.doubleClickOn("#node-Branch1");
        assertTrue(robot.lookup("#node-" + ids.get(0)).tryQuery().isPresent(), "expanded back");
        assertTrue(robot.lookup("#node-Branch1").tryQuery().isEmpty());
    }

    @Test
    void doubleClickOnTheCanvasSearchesAndInserts() {
        Point2D at = centre("#canvas");
        robot.doubleClickOn(at.getX(), at.getY(), javafx.scene.input.MouseButton.PRIMARY);
        assertTrue(robot.lookup("#quick-insert").query().isVisible());
        robot.write("batch").type(KeyCode.ENTER);
        assertEquals(1, vm.graph().nodes().size());
        assertTrue(vm.graph().nodes().values().iterator().next().op() instanceof Op.BatchNorm);
    }

    private MenuItem menuItem(String menu, String id) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().filter(m -> menu.equals(m.getId())).findFirst().orElseThrow()
                .getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
