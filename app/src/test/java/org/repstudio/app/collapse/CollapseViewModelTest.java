package org.repstudio.app.collapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repstudio.app.editor.DesignStates;
import org.repstudio.app.editor.EditorState;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.Method;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/** The player's state on real samples, fused by the engine; no JavaFX toolkit. */
class CollapseViewModelTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    static CollapseViewModel loaded(String sample) throws Exception {
        DesignFile d = DesignIO.read(SAMPLES.resolve(sample));
        EditorState s = DesignStates.fromDesign(d);
        CollapseViewModel vm = new CollapseViewModel();
        vm.load(CollapseSource.trace(LoadedDesign.of(d, SAMPLES.resolve(sample), LoadedDesign.DEFAULT_SEED)),
                s.positions());
        return vm;
    }

    @Test
    void stepsForwardAndBackRestoringEachStageExactly() throws Exception {
        CollapseViewModel vm = loaded("dbb-k3-s1-g1.json");
        FusionTrace t = vm.trace();
        assertEquals(12, vm.stepCount());
        assertEquals("step 0 / 12", vm.counterText());
        assertEquals(t.original(), vm.shown().graph());
        while (vm.stepForward()) {
            assertEquals(t.steps().get(vm.index() - 1).graphAfter(), vm.shown().graph());
        }
        assertEquals(t.fused(), vm.shown().graph());
        assertEquals(t.fusedWeights().byNode(), vm.shown().weights().byNode());
        for (int i = vm.stepCount() - 1; i >= 0; i--) {
            assertTrue(vm.stepBack());
            Graph expected = i == 0 ? t.original() : t.steps().get(i - 1).graphAfter();
            Weights ew = i == 0 ? t.originalWeights() : t.steps().get(i - 1).weightsAfter();
            assertEquals(expected, vm.shown().graph(), "graph after stepping back to " + i);
            assertEquals(ew.byNode(), vm.shown().weights().byNode(), "weights after stepping back to " + i);
            assertTrue(vm.shown().positions().keySet().containsAll(expected.nodes().keySet()));
        }
        assertFalse(vm.stepBack());
    }

    /** Left edge, top edge, right edge, bottom edge of the boxes at {@code pos}. */
    static double[] box(java.util.Map<String, org.repstudio.app.editor.Pos> pos) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (org.repstudio.app.editor.Pos p : pos.values()) {
            b[0] = Math.min(b[0], p.x());
            b[1] = Math.min(b[1], p.y());
            b[2] = Math.max(b[2], p.x() + org.repstudio.app.canvas.NodeSkin.WIDTH);
            b[3] = Math.max(b[3], p.y() + org.repstudio.app.canvas.NodeSkin.HEIGHT);
        }
        return b;
    }

    @Test
    void theFusedDesignIsTidiedAndTheStagesBeforeItAreNot() throws Exception {
        CollapseViewModel vm = loaded("dbb-k3-s1-g1.json");
        int n = vm.stepCount();
        // in -> conv -> relu -> out: four columns auto-arrange apart, one row, from where the design began
        double[] end = box(vm.stage(n).positions());
        double[] landed = box(vm.landing(n));
        assertEquals(3 * DesignStates.MIN_COLUMN + org.repstudio.app.canvas.NodeSkin.WIDTH, end[2] - end[0], 1e-9,
                "no gap where the branches were");
        assertEquals(org.repstudio.app.canvas.NodeSkin.HEIGHT, end[3] - end[1], 1e-9, "one row");
        assertTrue(landed[2] - landed[0] > 1.5 * (end[2] - end[0]), "the steps left it spread out");
        assertEquals(landed[0], end[0], 1e-9, "it closes up toward its input");
        assertEquals(vm.stage(n).graph().nodes().keySet(), vm.stage(n).positions().keySet());
        for (int i = 0; i < n; i++) {
            assertEquals(vm.landing(i), vm.stage(i).positions(), "stage " + i + " is laid out as the steps left it");
            assertFalse(vm.isTidied(i));
        }
        assertTrue(vm.isTidied(n));
        vm.toEnd();
        vm.stepBack();
        assertEquals(vm.landing(n - 1), vm.shown().positions(), "stepping back restores the earlier layout");

        CollapseViewModel none = loaded("refused/dbb-zero-pad.json");
        for (int i = 0; i <= none.stepCount(); i++) {
            assertEquals(none.stepCount() > 0 && i == none.stepCount(), none.isTidied(i));
        }
    }

    @Test
    void playStopsAtTheEndAndRestartsFromTheStart() throws Exception {
        CollapseViewModel vm = loaded("repvgg-s1.json");
        vm.togglePlay();
        assertTrue(vm.isPlaying());
        while (vm.stepForward()) {
            // the view steps on each animation's end
        }
        assertFalse(vm.isPlaying(), "play stops after the last step");
        assertEquals(4, vm.index());
        vm.togglePlay();
        assertEquals(0, vm.index(), "play at the end starts over");
        vm.speedProperty().set(2);
        assertEquals(CollapseViewModel.STEP_SECONDS / 2, vm.stepSeconds(), 1e-12);
        vm.toEnd();
        assertEquals(vm.stepCount(), vm.index());
        vm.restart();
        assertEquals(0, vm.index());
    }

    @Test
    void beforeAfterShowsOriginalAndFusedWithTheirCosts() throws Exception {
        CollapseViewModel vm = loaded("repvgg-s1.json");
        vm.stepForward();
        vm.viewProperty().set(CollapseViewModel.View.AFTER);
        assertEquals(vm.trace().fused(), vm.shown().graph());
        vm.viewProperty().set(CollapseViewModel.View.BEFORE);
        assertEquals(vm.trace().original(), vm.shown().graph());
        assertEquals(1, vm.index(), "the comparison keeps the player's place");
        assertEquals(2752, vm.before().params()); // README: repvgg-s1 2,752 -> 2,320 parameters
        assertEquals(2320, vm.after().params());
        assertTrue(vm.after().flops() < vm.before().flops());
        assertEquals(4, vm.after().nodes());
    }

    @Test
    void anEditedDesignMakesTheCollapseStale() throws Exception {
        CollapseViewModel vm = loaded("repvgg-s1.json");
        Graph g = vm.trace().original();
        assertFalse(vm.isStaleFor(g));
        assertTrue(vm.isStaleFor(g.withoutNode("relu")));
        assertTrue(new CollapseViewModel().isStaleFor(g));
    }

    @Test
    void biasPaddingFixMakesTheRefusedDbbCollapseExactly() throws Exception {
        CollapseViewModel vm = loaded("refused/dbb-zero-pad.json");
        assertEquals(1, vm.refusals().size());
        Refusal r = vm.refusals().get(0);
        assertEquals(List.of("avg_bn1", "avg_pool"), CollapseViewModel.blamed(r));
        DesignFile d = DesignIO.read(SAMPLES.resolve("refused/dbb-zero-pad.json"));
        EditorState s = DesignStates.fromDesign(d);
        Optional<EditorState> fixed = BiasPaddingFix.apply(s, r.nodes());
        assertTrue(fixed.isPresent());
        assertEquals(s.graph().nodes().size() + 2, fixed.get().graph().nodes().size());
        FusionTrace t = CollapseSource.trace(fixed.get().graph(), vm.trace().originalWeights(), Method.of(d));
        assertTrue(t.exact(), () -> "still refused: " + t.refusals());
        assertEquals(4, t.fused().nodes().size());

        BorderDiff diff = BorderDiff.of(s.graph(), vm.trace().originalWeights(), r, fixed.get().graph(), Method.of(d),
                LoadedDesign.DEFAULT_SEED).orElseThrow();
        assertTrue(diff.border() > 0.01, "the border differs: " + diff.border());
        assertTrue(diff.interior() < 1e-9, "the interior does not: " + diff.interior());
        assertEquals(32, diff.map().length);
    }

    @Test
    void kernelTilesCapPairsAndShareOneSymmetricScale() {
        Tensor w = Tensor.zeros(16, 4, 3, 3);
        w.data()[0] = -2; // [0,0,0,0]
        w.data()[w.data().length - 1] = 5; // [15,3,2,2]: not drawn
        w.data()[(1 * 4 + 2) * 9 + 4] = 1; // [1,2,1,1]
        KernelTiles t = KernelTiles.of(w, 8, 8);
        assertEquals(8, t.outs());
        assertEquals(4, t.ins());
        assertTrue(t.capped());
        assertEquals("showing the first 8 x 4 of 16 x 4 channel pairs", t.capNote());
        assertEquals(2, t.absMax(), 0);
        assertEquals(1, t.value(1, 2, 1, 1), 0);
        assertEquals(0x2c6bc4, t.rgb(0, 0, 0, 0), "most negative drawn value is full blue");
        assertEquals(0xf7f7f7, t.rgb(0, 0, 0, 1), "zero is white");
        int half = t.rgb(1, 2, 1, 1);
        assertNotEquals(0xf7f7f7, half);
        assertTrue(((half >> 16) & 0xff) > (half & 0xff), "positive is red");
        KernelTiles wider = t.onScale(KernelTiles.sharedScale(List.of(t, KernelTiles.of(Tensor.vector(-4, 1), 8, 8))));
        assertEquals(4, wider.absMax(), 0, "a shared scale is the largest magnitude of all");
        assertEquals(0x2c6bc4, t.rgb(0, 0, 0, 0));
        assertNotEquals(0x2c6bc4, wider.rgb(0, 0, 0, 0), "-2 is half blue on a scale of 4");
        KernelTiles bias = KernelTiles.of(Tensor.vector(1, -1, 0.5), 8, 8);
        assertEquals(1, bias.outs());
        assertEquals(3, bias.ins());
        assertFalse(bias.capped());
    }
}
