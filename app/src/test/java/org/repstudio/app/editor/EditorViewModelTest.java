package org.repstudio.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repstudio.app.TestDesigns;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.io.DesignFile;

/** The editor's state and edits, without the JavaFX toolkit. */
class EditorViewModelTest {

    private static EditorViewModel repvgg() {
        EditorViewModel vm = new EditorViewModel();
        vm.load(DesignStates.fromDesign(DesignFile.of("repvgg", "", "", TestDesigns.repvgg())));
        return vm;
    }

    @Test
    void feedbackShowsShapesCostsAndAFusableRegion() {
        EditorViewModel vm = repvgg();
        Feedback f = vm.feedback();
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals(TensorShape.spatial(8, 16, 16), f.shapes().get("dense"));
        assertEquals(8L * 8 * 3 * 3, f.params().get("dense"));
        assertEquals(2L * 8 * 16 * 16 * 8 * 9, f.flops().get("dense"));
        assertEquals(f.params().values().stream().mapToLong(Long::longValue).sum(), f.totalParams());
        Feedback.RegionStatus region = f.regions().get("sum");
        assertTrue(region != null && region.fusable(), f.regions().toString());
    }

    @Test
    void aReluInsideABranchMakesTheRegionNotFusable() {
        EditorViewModel vm = repvgg();
        String relu = vm.addNode(new Op.Relu(), new Pos(0, 0));
        assertEquals(Optional.empty(), vm.connect("dense", relu, 0));
        assertEquals(Optional.empty(), vm.connect(relu, "dense_bn", 0));
        Feedback f = vm.feedback();
        assertTrue(f.regions().values().stream().anyMatch(r -> !r.fusable()), f.regions().toString());
    }

    @Test
    void editingAKernelChangesTheShapeAndUndoRestoresIt() {
        EditorViewModel vm = repvgg();
        assertEquals(Optional.empty(), vm.setField("dense", "padding.top", 0));
        assertEquals(Optional.empty(), vm.setField("dense", "padding.bottom", 0));
        assertEquals(TensorShape.spatial(8, 14, 16), vm.feedback().shapes().get("dense"));
        assertFalse(vm.feedback().problemsOf("sum").isEmpty(), "the sum now gets mismatched shapes");
        assertEquals("Edit dense padding.bottom", vm.undoNameProperty().get());
        vm.undo();
        vm.undo();
        assertEquals(TensorShape.spatial(8, 16, 16), vm.feedback().shapes().get("dense"));
        assertTrue(vm.feedback().problems().isEmpty());
        assertFalse(vm.isDirty(), "back at the loaded state");
        vm.redo();
        assertTrue(vm.isDirty());
        assertEquals("Edit dense padding.top", vm.undoNameProperty().get());
        assertTrue(vm.setField("dense", "kernelH", "three").isPresent(), "wrong type refused");
    }

    @Test
    void connectionsAreRefusedWithTheirReason() {
        EditorViewModel vm = repvgg();
        assertTrue(vm.checkConnect("relu", "dense", 0).orElseThrow().kind() == ConnectionRefusal.Kind.CYCLE);
        assertTrue(vm.checkConnect("relu", "in", 0).orElseThrow().kind() == ConnectionRefusal.Kind.ARITY);
        assertTrue(vm.checkConnect("out", "relu", 0).orElseThrow().kind() == ConnectionRefusal.Kind.ARITY);
        String flat = vm.addNode(new Op.Flatten(), new Pos(0, 0));
        vm.connect("in", flat, 0);
        String conv = vm.addNode(Op.Conv.square(8, 3, 1, 1, 1, false), new Pos(0, 0));
        assertTrue(vm.checkConnect(flat, conv, 0).orElseThrow().kind() == ConnectionRefusal.Kind.TYPE,
                vm.checkConnect(flat, conv, 0).get().text());
        String wide = vm.addNode(Op.Conv.square(4, 3, 2, 1, 1, false), new Pos(0, 0));
        vm.connect("in", wide, 0);
        Optional<ConnectionRefusal> shape = vm.connect(wide, "sum", -1);
        assertTrue(shape.orElseThrow().kind() == ConnectionRefusal.Kind.SHAPE, shape.toString());
        assertTrue(shape.get().text().startsWith("shape: "), shape.get().text());
        int before = vm.graph().edges().size();
        assertEquals(Optional.empty(), vm.connect("dense_bn", "sum", -1), "a sum takes another input");
        assertEquals(before + 1, vm.graph().edges().size());
        assertEquals(4, vm.graph().inputsOf("sum").size());
    }

    @Test
    void aDragIsOneStepAndSnapsToTheGrid() {
        EditorViewModel vm = repvgg();
        vm.select(List.of("dense", "point"));
        Pos d = vm.state().pos("dense");
        vm.move(vm.selection(), 33, 47);
        assertEquals(d.plus(33, 47).snapped(EditorViewModel.GRID), vm.state().pos("dense"));
        assertEquals("Move 2 nodes", vm.undoNameProperty().get());
        vm.undo();
        assertEquals(d, vm.state().pos("dense"));
    }

    @Test
    void pasteKeepsInternalWiresAndIsOneStep() {
        EditorViewModel vm = repvgg();
        vm.select(List.of("dense", "dense_bn", "point", "point_bn", "id_bn", "sum"));
        vm.copy();
        Graph before = vm.graph();
        List<String> pasted = vm.paste();
        assertEquals(6, pasted.size());
        assertEquals(before.nodes().size() + 6, vm.graph().nodes().size());
        long internal = vm.graph().edges().stream().filter(e -> pasted.contains(e.from()) && pasted.contains(e.to())).count();
        assertEquals(5, internal, "conv->bn twice, and three into the sum");
        assertEquals(Set.copyOf(pasted), vm.selection());
        assertEquals("Paste 6 nodes", vm.undoNameProperty().get());
        vm.undo();
        assertEquals(before, vm.graph());
        assertTrue(vm.selection().isEmpty(), "pasted nodes left the selection with the undo");
        vm.select(List.of("dense", "dense_bn", "point", "point_bn", "id_bn", "sum"));
        List<String> dup = vm.duplicate();
        assertEquals(6, dup.size());
        assertEquals("Duplicate 6 nodes", vm.undoNameProperty().get());
    }

    @Test
    void deleteRemovesWiresAndKeepsSumPortsContiguous() {
        EditorViewModel vm = repvgg();
        vm.select(List.of("point_bn"));
        vm.deleteSelection();
        assertFalse(vm.graph().contains("point_bn"));
        assertEquals(List.of("dense_bn", "id_bn"), vm.graph().inputsOf("sum"));
        assertTrue(vm.graph().edges().stream().allMatch(e -> e.port() < 2 || !e.to().equals("sum")));
        assertTrue(vm.selection().isEmpty());
        vm.undo();
        assertTrue(vm.graph().contains("point_bn"));
    }

    @Test
    void groupAndExpandASubBlockAndPlaceItAgain() {
        EditorViewModel vm = repvgg();
        vm.select(List.of("dense", "dense_bn"));
        String gid = vm.group("ConvBN").orElseThrow();
        BlockGroup g = vm.state().groups().get(gid);
        assertTrue(g.collapsed());
        assertEquals(List.of("dense", "dense_bn"), g.members());
        assertEquals(gid, vm.visibleId("dense"));
        assertEquals(2, vm.crossingEdges(gid).size());
        List<String> placed = vm.placeBlock("ConvBN", new Pos(400, 400));
        assertEquals(2, placed.size());
        assertEquals(1, vm.graph().edges().stream().filter(e -> placed.contains(e.from()) && placed.contains(e.to())).count());
        assertEquals(2, vm.state().groups().size());
        vm.expand(gid);
        assertEquals("dense", vm.visibleId("dense"));
        assertEquals(Set.of("dense", "dense_bn"), vm.selection());
        vm.undo();
        assertEquals(gid, vm.visibleId("dense"));
    }

    @Test
    void autoArrangeIsOneStep() {
        EditorViewModel vm = repvgg();
        Map<String, Pos> before = vm.state().positions();
        vm.move(List.of("dense"), 500, 500);
        vm.autoArrange();
        assertEquals("Auto-arrange", vm.undoNameProperty().get());
        assertTrue(vm.state().pos("in").x() < vm.state().pos("dense").x());
        vm.undo();
        vm.undo();
        assertEquals(before, vm.state().positions());
    }

    @Test
    void aThousandRandomEditsUndoneGiveBackTheStartingDesign() {
        EditorViewModel vm = repvgg();
        EditorState start = vm.state();
        Random rnd = new Random(42);
        List<String> palette = PaletteItem.all().stream().map(PaletteItem::name).toList();
        int applied = 0;
        for (int i = 0; i < 1000; i++) {
            List<String> ids = new ArrayList<>(vm.graph().nodes().keySet());
            String a = ids.isEmpty() ? null : ids.get(rnd.nextInt(ids.size()));
            String b = ids.isEmpty() ? null : ids.get(rnd.nextInt(ids.size()));
            EditorState before = vm.state();
            switch (rnd.nextInt(10)) {
                case 0 -> vm.addNode(PaletteItem.named(palette.get(rnd.nextInt(palette.size()))).factory().get(),
                        new Pos(rnd.nextInt(1000), rnd.nextInt(800)));
                case 1, 2 -> {
                    if (a != null) {
                        vm.connect(a, b, rnd.nextInt(3) - 1);
                    }
                }
                case 3 -> {
                    if (a != null) {
                        vm.select(List.of(a));
                        vm.deleteSelection();
                    }
                }
                case 4 -> {
                    if (a != null) {
                        vm.select(List.of(a, b));
                        vm.move(vm.selection(), rnd.nextInt(200) - 100, rnd.nextInt(200) - 100);
                    }
                }
                case 5 -> {
                    if (a != null && vm.graph().node(a).op() instanceof Op.Conv) {
                        vm.setField(a, "kernelH", 1 + 2 * rnd.nextInt(3));
                    }
                }
                case 6 -> {
                    if (a != null) {
                        vm.select(List.of(a, b));
                        if (rnd.nextBoolean()) {
                            vm.copy();
                            vm.paste();
                        } else {
                            vm.duplicate();
                        }
                    }
                }
                case 7 -> {
                    List<Edge> edges = vm.graph().edges();
                    if (!edges.isEmpty()) {
                        vm.disconnect(edges.get(rnd.nextInt(edges.size())));
                    }
                }
                case 8 -> {
                    if (a != null) {
                        vm.select(List.of(a));
                        vm.group("B" + rnd.nextInt(3)).ifPresent(g -> {
                            if (rnd.nextBoolean()) {
                                vm.expand(g);
                            }
                        });
                    }
                }
                default -> vm.autoArrange();
            }
            if (vm.state() != before) {
                applied++;
            }
        }
        EditorState end = vm.state();
        assertTrue(applied > 600, "most edits applied: " + applied);
        assertNotEquals(start, end);
        int undone = 0;
        while (vm.canUndo()) {
            vm.undo();
            undone++;
        }
        assertTrue(undone >= applied, undone + " undone, " + applied + " applied");
        assertEquals(start, vm.state());
        assertEquals(start.graph(), vm.graph());
        assertFalse(vm.isDirty());
        while (vm.canRedo()) {
            vm.redo();
        }
        assertEquals(end, vm.state());
    }
}
