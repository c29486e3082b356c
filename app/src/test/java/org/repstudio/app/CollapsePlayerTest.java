package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.app.collapse.CollapseFramesCommand;
import org.repstudio.app.collapse.CollapseMode;
import org.repstudio.app.collapse.CollapseView;
import org.repstudio.app.collapse.CollapseViewModel;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.files.AppPaths;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Collapse player in the real window, headless (Monocle): played, stepped back, fixed, exported. */
class CollapsePlayerTest {

    static final Path SAMPLES = RepStudioAppTest.REPO.resolve("samples");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private RepStudioApp app;
    private Stage stage;
    private EditorViewModel vm;
    private CollapseMode mode;

    @BeforeEach
    void start() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (RepStudioApp) FxToolkit.setupApplication(() -> new RepStudioApp(new AppPaths(RepStudioAppTest.REPO,
                tmp.resolve("state"))));
        vm = app.model().editor();
        mode = app.window().collapse();
        assertTrue(stage.isShowing());
    }

    @AfterEach
    void stop() throws TimeoutException {
        robot.interact(() -> {
            mode.view().dispose();
            vm.load(org.repstudio.app.editor.EditorState.empty());
        });
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** What {@code ./repstudio fuse} computes for a sample: random weights from seed 42, the method's options. */
    static FusionTrace planner(String sample) throws Exception {
        DesignFile d = DesignIO.read(SAMPLES.resolve(sample));
        return FusionPlanner.fuse(d.graph(), RandomWeights.generate(d.graph(), 42),
                FusionOptions.forMethod(d.method(), true));
    }

    private CollapseView enter(String sample) throws TimeoutException {
        robot.interact(() -> app.open(SAMPLES.resolve(sample)));
        robot.clickOn("#tool-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(mode.active(), "the tool button shows the player");
        loaded();
        return mode.view();
    }

    /** Waits until the player shows a collapse of the editor's current design (it is fused off the FX thread). */
    private void loaded() throws TimeoutException {
        waitUntil(() -> !mode.busy() && !mode.view().model().isStaleFor(vm.graph()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private void playThroughStepByStep(String sample) throws Exception {
        FusionTrace expected = planner(sample);
        CollapseView view = enter(sample);
        CollapseViewModel cvm = view.model();
        robot.interact(() -> cvm.speedProperty().set(CollapseViewModel.MAX_SPEED));
        assertEquals("step 0 / " + expected.steps().size(), robot.lookup("#collapse-counter").queryAs(Label.class)
                .getText());
        List<String> rules = new ArrayList<>();
        for (int i = 1; i <= expected.steps().size(); i++) {
            robot.clickOn("#collapse-forward");
            int target = i;
            waitUntil(() -> cvm.index() == target && !view.animating());
            WaitForAsyncUtils.waitForFxEvents();
            rules.add(robot.lookup("#collapse-rule").queryAs(Label.class).getText());
            assertEquals(expected.steps().get(i - 1).graphAfter(), view.shownGraph(), "canvas after step " + i);
        }
        List<String> expectedRules = expected.steps().stream().map(s -> s.rule().displayName()).toList();
        assertEquals(expectedRules, rules, "the panel walks the trace's rules in order");
        assertEquals("step " + expected.steps().size() + " / " + expected.steps().size(),
                robot.lookup("#collapse-counter").queryAs(Label.class).getText());

        // the end state is the planner's (`./repstudio fuse`): same graph, same weights, one conv per region
        assertEquals(expected.fused(), view.shownGraph());
        assertEquals(expected.fusedWeights().byNode(), cvm.shown().weights().byNode());
        long convs = expected.fused().nodes().values().stream().map(Node::op).filter(Op.Conv.class::isInstance)
                .count();
        assertEquals(expected.regions().size(), convs, "one conv per region");

        // and what `./repstudio fuse DESIGN -o FUSED.json` writes
        Path fusedFile = tmp.resolve("fused-" + sample.replace('/', '-'));
        assertEquals(0, org.repstudio.cli.RepStudioCli.execute("fuse", SAMPLES.resolve(sample).toString(), "-o",
                fusedFile.toString(), "-q"));
        DesignFile fused = DesignIO.read(fusedFile);
        assertEquals(fused.graph(), view.shownGraph(), "the player ends where `fuse` does");
        org.repstudio.core.graph.Weights written = DesignIO.readWeights(fusedFile, fused).orElseThrow();
        for (String id : fused.graph().nodes().keySet()) {
            for (var e : cvm.shown().weights().of(id).entrySet()) {
                assertTrue(org.repstudio.core.algebra.Tensor.maxAbsDiff(e.getValue(), written.get(id, e.getKey()))
                        < 1e-6, id + "." + e.getKey() + " as `fuse` wrote it");
            }
        }

        // stepping back plays each step in reverse and then restores the earlier design exactly
        for (int i = expected.steps().size() - 1; i >= 0; i--) {
            robot.clickOn("#collapse-back");
            int target = i;
            waitUntil(() -> cvm.index() == target && !view.animating());
            WaitForAsyncUtils.waitForFxEvents();
            FusionStep s = i == 0 ? null : expected.steps().get(i - 1);
            Graph g = s == null ? expected.original() : s.graphAfter();
            assertEquals(i, cvm.index());
            assertEquals(g, view.shownGraph(), "canvas after stepping back to " + i);
            assertEquals((s == null ? expected.originalWeights() : s.weightsAfter()).byNode(),
                    cvm.shown().weights().byNode(), "weights after stepping back to " + i);
        }
        robot.clickOn("#collapse-after");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected.fused(), view.shownGraph(), "After shows the fused design");
        assertTrue(robot.lookup("#collapse-figures").queryAs(Label.class).getText().contains("after "));
        robot.clickOn("#collapse-close");
        assertFalse(mode.active(), "back to the editor");
    }

    @Test
    void repvggCollapsesStepByStepAndBack() throws Exception {
        playThroughStepByStep("repvgg-s1.json");
    }

    @Test
    void dbbCollapsesStepByStepAndBack() throws Exception {
        playThroughStepByStep("dbb-k3-s1-g1.json");
    }

    @Test
    void ctrlKOpensThePlayerAndTheHeatMapTellsTheValueUnderTheCursor() throws Exception {
        robot.interact(() -> app.open(SAMPLES.resolve("repvgg-s1.json")));
        robot.clickOn("#canvas");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(mode.active(), "Ctrl+K shows the player");
        loaded();
        assertTrue(robot.lookup("#collapse-rule").queryAs(Label.class).getText().equals("BN fold"));
        robot.moveTo(robot.lookup(".rs-heatmap").nth(0).queryAs(javafx.scene.canvas.Canvas.class));
        WaitForAsyncUtils.waitForFxEvents();
        String hover = robot.lookup("#collapse-hover").queryAs(Label.class).getText();
        assertTrue(hover.matches("conv3x3\\.weight\\[\\d+,\\d+,\\d,\\d\\] = -?[0-9.e+-]+"), hover);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertFalse(mode.active(), "Escape goes back to the editor");
    }

    @Test
    void playRunsToTheEndAndMeasuresFrameTimes() throws Exception {
        CollapseView view = enter("repvgg-s1.json");
        robot.interact(() -> view.model().speedProperty().set(2));
        robot.clickOn("#collapse-play");
        waitUntil(() -> view.model().index() == 3 && view.animating());
        // a picture of the whole window mid-step, to look at (target/collapse-window-mid-step.png)
        robot.interact(() -> org.repstudio.app.fx.SceneSnapshot.write(stage.getScene(),
                Path.of("target", "collapse-window-mid-step.png")));
        waitUntil(() -> view.model().index() == view.model().stepCount() && !view.animating()
                && !view.model().isPlaying());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(view.model().trace().fused(), view.shownGraph(), "play ends on the fused design");
        List<Double> ms = new ArrayList<>(view.frameMillis());
        assertTrue(ms.size() > 10, "pulses while animating: " + ms.size());
        ms.sort(Double::compare);
        System.out.printf("collapse animation: %d frames, median frame time %.1f ms, p90 %.1f ms%n", ms.size(),
                ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10));
    }

    @Test
    void refusedRegionIsExplainedAndFixedWithOneUndoableEdit() throws Exception {
        CollapseView view = enter("refused/dbb-zero-pad.json");
        assertEquals(1, view.model().refusals().size());
        assertTrue(robot.lookup("#collapse-refused-avg_pool").tryQuery().isPresent(), "badge on the blamed node");
        assertTrue(robot.lookup("#collapse-refusal-reason").queryAs(Label.class).getText()
                .contains("zero padding after a biased op"));
        assertTrue(robot.lookup("#collapse-border-map").tryQuery().isPresent(), "difference map shown");
        robot.interact(() -> robot.lookup("#collapse-fix").queryButton().fire());
        loaded();
        assertEquals("Use bias padding", vm.undoNameProperty().get(), "one undoable edit");
        assertTrue(view.model().trace().exact(), "the fixed design collapses exactly");
        assertEquals(12, view.model().stepCount());
        assertEquals(4, view.model().trace().fused().nodes().size());
        robot.interact(vm::undo);
        loaded();
        assertEquals(1, view.model().refusals().size(), "undo brings the refused design back");
    }

    @Test
    void framesAreWrittenOnePerPoseAndAllDiffer() throws Exception {
        enter("repvgg-s1.json");
        Path dir = tmp.resolve("frames");
        List<Path> frames = new ArrayList<>();
        robot.interact(() -> frames.addAll(mode.exportFrames(dir)));
        int steps = mode.view().model().stepCount();
        assertTrue(frames.size() >= steps + 2, frames.size() + " frames for " + steps + " steps");
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : frames) {
            assertTrue(Files.size(f) > 10_000, f + " is a real picture");
            bytes.add(Files.readAllBytes(f));
        }
        for (int i = 0; i < bytes.size(); i++) {
            for (int j = i + 1; j < bytes.size(); j++) {
                assertFalse(Arrays.equals(bytes.get(i), bytes.get(j)), frames.get(i) + " equals " + frames.get(j));
            }
        }
        assertEquals(2, CollapseFramesCommand.run(new String[] {"missing.json", "--frames", dir.toString()}));
        assertEquals(2, CollapseFramesCommand.run(new String[] {SAMPLES.resolve("repvgg-s1.json").toString()}));
    }

    @Test
    void theStepPanelReadsBeforeThenAfterWithTheHoveredValueUnderItsMap() throws Exception {
        enter("repvgg-s1.json");
        List<String> headings = robot.lookup(".rs-collapse-heading").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(headings.get(0).startsWith("Before") && headings.get(1).startsWith("After"), headings.toString());
        assertTrue(robot.lookup("#collapse-formula").queryAs(Label.class).getText().contains(",\n"),
                "one clause of the formula per line");
        javafx.scene.canvas.Canvas last = robot.lookup(".rs-heatmap").queryAllAs(javafx.scene.canvas.Canvas.class)
                .stream().reduce((a, b) -> b).orElseThrow();
        robot.interact(() -> robot.lookup("#collapse-panel").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        robot.moveTo(last);
        WaitForAsyncUtils.waitForFxEvents();
        Label hover = robot.lookup("#collapse-hover").queryAs(Label.class);
        assertTrue(hover.isVisible() && !hover.getText().isBlank(), hover.getText());
        javafx.geometry.Bounds map = last.localToScreen(last.getBoundsInLocal());
        javafx.geometry.Bounds value = hover.localToScreen(hover.getBoundsInLocal());
        javafx.scene.Node panel = robot.lookup("#collapse-panel").query();
        assertTrue(value.getMinY() >= map.getMaxY() - 1 && value.getMinY() < map.getMaxY() + 30
                || value.getMaxY() <= map.getMinY() + 1 && value.getMaxY() > map.getMinY() - 30,
                "the value right under (or, at the bottom, over) the hovered map: " + value + " map " + map);
        assertTrue(panel.localToScreen(panel.getBoundsInLocal()).contains(value), "in view in the panel: " + value);
    }

    @Test
    void openingAFileWhileThePlayerShowsCollapsesTheNewDesign() throws Exception {
        enter("repvgg-s1.json");
        robot.interact(() -> app.open(SAMPLES.resolve("acb-k3.json")));
        loaded();
        assertTrue(mode.active(), "still in the player");
        assertTrue(!mode.view().model().isStaleFor(vm.graph()), "the player shows the newly opened design");
        robot.interact(() -> app.open(SAMPLES.resolve("acb-k3.json")));
        loaded();
        assertEquals(0, mode.view().model().index(), "reopened: the player starts over");
    }
}
