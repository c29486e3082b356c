package org.repstudio.app.collapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repstudio.app.canvas.NodeSkin;
import org.repstudio.app.editor.DesignStates;
import org.repstudio.app.editor.EditorState;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The player's canvas while a step is posed, headless (Monocle): what a person sees frame by frame. */
class CollapseAnimationTest {

    private final FxRobot robot = new FxRobot();
    private CollapseView view;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        DesignFile d = DesignIO.read(CollapseViewModelTest.SAMPLES.resolve("dbb-k3-s1-g1.json"));
        EditorState s = DesignStates.fromDesign(d);
        FusionTrace t = CollapseSource.trace(LoadedDesign.of(d, CollapseViewModelTest.SAMPLES.resolve(
                "dbb-k3-s1-g1.json"), LoadedDesign.DEFAULT_SEED));
        robot.interact(() -> {
            view = new CollapseView(new CollapseViewModel());
            Scene scene = new Scene(view, FrameRenderer.WIDTH, FrameRenderer.HEIGHT);
            scene.getStylesheets().setAll(org.repstudio.app.fx.Theme.LIGHT.stylesheets());
            view.applyCss();
            view.layout();
            view.load(t, s.positions(), d.method());
        });
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> view.dispose());
        FxToolkit.cleanupStages();
    }

    /** The last step (four branches and the add into one conv) is the one with the most wires moving. */
    private CollapseAnimator beginLastStep() {
        CollapseAnimator[] a = new CollapseAnimator[1];
        robot.interact(() -> {
            while (view.model().index() < view.model().stepCount() - 1) {
                view.model().stepForward();
            }
            a[0] = view.begin();
        });
        return a[0];
    }

    private List<CubicCurve> wiresOf(String node) {
        List<CubicCurve> out = new ArrayList<>();
        for (Node n : view.canvas().lookupAll(".rs-wire")) {
            if (n instanceof CubicCurve c && c.getUserData() instanceof Edge e
                    && (e.from().equals(node) || e.to().equals(node))) {
                out.add(c);
            }
        }
        return out;
    }

    /** The centre of a port circle in the curve's coordinates. */
    private Point2D portIn(CubicCurve c, String portId) {
        Circle port = (Circle) view.canvas().lookup("#" + portId);
        return c.sceneToLocal(port.localToScene(port.getCenterX(), port.getCenterY()));
    }

    private void assertAttached(CubicCurve c, String when) {
        Edge e = (Edge) c.getUserData();
        Point2D from = portIn(c, "port-out-" + e.from());
        Point2D to = portIn(c, "port-in-" + e.to() + "-" + e.port());
        assertEquals(from.getX(), c.getStartX(), 0.5, when + ": start x of " + e);
        assertEquals(from.getY(), c.getStartY(), 0.5, when + ": start y of " + e);
        assertEquals(to.getX(), c.getEndX(), 0.5, when + ": end x of " + e);
        assertEquals(to.getY(), c.getEndY(), 0.5, when + ": end y of " + e);
    }

    @Test
    void wiresStayOnTheirPortsWhileNodesSlideAndAttachToTheNewNode() {
        CollapseAnimator a = beginLastStep();
        List<NodeSkin> moving = a.moving();
        assertTrue(moving.size() >= 4, "the branches slide: " + moving.size());
        double startX = moving.get(0).getBoundsInParent().getMinX();
        for (double t : new double[] {0.3, FrameRenderer.POSES[1], 0.55}) {
            robot.interact(() -> view.pose(t));
            assertNotEquals(startX, moving.get(0).getBoundsInParent().getMinX(), "the box moved at t=" + t);
            int checked = 0;
            for (NodeSkin s : moving) {
                for (CubicCurve c : wiresOf(s.nodeId())) {
                    assertAttached(c, "t=" + t);
                    checked++;
                }
            }
            assertTrue(checked > 4, "wires checked at t=" + t + ": " + checked);
        }
        String out = a.step().nodeOut();
        robot.interact(() -> view.end());
        List<CubicCurve> wires = wiresOf(out);
        assertEquals(a.step().graphAfter().inputsOf(out).size() + a.step().graphAfter().consumersOf(out).size(),
                wires.size(), "the new node's wires are drawn");
        for (CubicCurve c : wires) {
            assertAttached(c, "after the step");
        }
    }

    @Test
    void theLastStepEndsOnTheTidiedDesignFittedAndStepBackRestoresTheLayout() {
        beginLastStep();
        robot.interact(() -> {
            view.pose(1);
            view.end();
        });
        CollapseViewModel cvm = view.model();
        assertFalse(view.animating(), "the tidy move is done");
        var tidied = cvm.stage(cvm.stepCount()).positions();
        javafx.geometry.Bounds canvas = view.canvas().localToScene(view.canvas().getLayoutBounds());
        for (String id : cvm.trace().fused().nodes().keySet()) {
            NodeSkin s = view.canvas().skinOf(id).orElseThrow();
            assertEquals(tidied.get(id).x(), s.getLayoutX(), 1e-9, id);
            assertEquals(tidied.get(id).y(), s.getLayoutY(), 1e-9, id);
            assertEquals(1, s.getScaleX(), 0, id + " unscaled");
            javafx.geometry.Bounds b = s.localToScene(s.getLayoutBounds());
            assertTrue(canvas.contains(b), id + " fitted in view: " + b + " in " + canvas);
        }
        for (CubicCurve c : wiresOf(cvm.trace().fused().nodes().keySet().iterator().next())) {
            assertAttached(c, "tidied");
        }
        robot.interact(() -> view.model().stepBack());
        var before = cvm.stage(cvm.stepCount() - 1).positions();
        for (String id : before.keySet()) {
            view.canvas().skinOf(id).ifPresent(s -> {
                assertEquals(before.get(id).x(), s.getLayoutX(), 1e-9, id + " back in place");
                assertEquals(before.get(id).y(), s.getLayoutY(), 1e-9, id + " back in place");
            });
        }
    }

    private static void heatMaps(javafx.scene.Parent p, List<HeatMap> out) {
        for (Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof HeatMap m) {
                out.add(m);
            } else if (n instanceof javafx.scene.Parent q) {
                heatMaps(q, out);
            }
        }
    }

    @Test
    void beforeAndAfterKernelsOfAStepShareOneSymmetricScale() {
        CollapseAnimator a = beginLastStep();
        var step = a.step();
        List<HeatMap> maps = new ArrayList<>();
        robot.interact(() -> heatMaps(view.panel().content(), maps));
        List<HeatMap> kernels = maps.stream().filter(m -> m.note().contains("every kernel, before and after")).toList();
        long drawnKernels = step.tensorsAfter().values().stream().filter(t -> t.rank() == 4).count()
                + step.tensorsBefore().values().stream().flatMap(m -> m.values().stream()).filter(t -> t.rank() == 4)
                .count();
        assertEquals(drawnKernels, kernels.size(), "every kernel, before and after, says it shares the scale");
        // the largest magnitude drawn over all of them: the after map draws 8 x 8 pairs, each before map 4 x 4
        double expected = 0;
        for (var t : step.tensorsAfter().values()) {
            expected = t.rank() == 4 ? Math.max(expected, KernelTiles.of(t, 8, 8).absMax()) : expected;
        }
        for (var m : step.tensorsBefore().values()) {
            for (var t : m.values()) {
                expected = t.rank() == 4 ? Math.max(expected, KernelTiles.of(t, 4, 4).absMax()) : expected;
            }
        }
        for (HeatMap m : kernels) {
            assertEquals(expected, m.scale(), 0, "one scale for all kernels");
        }
        List<HeatMap> biases = maps.stream().filter(m -> m.note().contains("every bias")).toList();
        assertTrue(biases.size() >= 2, "the fused bias and the branches' biases share theirs: " + biases.size());
        assertEquals(1, biases.stream().mapToDouble(HeatMap::scale).distinct().count());
    }

    @Test
    void steppingBackPlaysTheStepInReverseThenShowsTheStageBeforeExactly() throws Exception {
        CollapseViewModel cvm = view.model();
        robot.interact(() -> {
            cvm.toEnd();
            cvm.speedProperty().set(CollapseViewModel.MAX_SPEED);
        });
        int n = cvm.stepCount();
        boolean[] playing = new boolean[2];
        robot.interact(() -> {
            view.stepBack();
            playing[0] = view.animating();
        });
        assertTrue(playing[0], "stepping back animates");
        assertEquals(n, cvm.index(), "the step is undone when its reverse has played");
        // the reverse of the last step: the tidied design opens up, then the fused node comes apart
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.canvas().lookup("#collapse-ghost") != null);
        robot.interact(() -> playing[1] = view.shownGraph().equals(cvm.stage(n - 1).graph()));
        assertTrue(playing[1], "while it plays back the canvas shows the design before the step, posed");
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> cvm.index() == n - 1 && !view.animating());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(cvm.stage(n - 1).graph(), view.shownGraph());
        assertTrue(view.canvas().lookup("#collapse-ghost") == null, "the new node's box is gone");
        var pos = cvm.stage(n - 1).positions();
        for (String id : pos.keySet()) {
            view.canvas().skinOf(id).ifPresent(s -> {
                assertEquals(pos.get(id).x(), s.getLayoutX(), 1e-9, id + " back in place");
                assertEquals(pos.get(id).y(), s.getLayoutY(), 1e-9, id + " back in place");
                assertEquals(1, s.getScaleX(), 0, id + " unscaled");
                assertEquals(1, s.getOpacity(), 0, id + " opaque");
            });
        }
        for (NodeSkin s : beginLastStepMoving()) {
            for (CubicCurve c : wiresOf(s.nodeId())) {
                assertAttached(c, "after stepping back");
            }
        }
    }

    /** The skins the last step moves, on the canvas as it is now (no animation begun). */
    private List<NodeSkin> beginLastStepMoving() {
        List<NodeSkin> out = new ArrayList<>();
        for (String id : view.model().trace().steps().get(view.model().stepCount() - 1).nodesIn()) {
            view.canvas().skinOf(id).ifPresent(out::add);
        }
        return out;
    }
}
