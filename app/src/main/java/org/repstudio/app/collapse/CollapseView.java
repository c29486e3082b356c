package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.canvas.NodeSkin;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.Method;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.fusion.Remedy;
import org.repstudio.core.graph.Graph;

/**
 * The Collapse player: controls on top, a read-only canvas of the design at the current stage in the
 * middle (its own {@link EditorCanvas} over a display-only {@link EditorViewModel}, so the editor's own
 * canvas and history are untouched), and the {@link StepPanel} on the right. Steps are animated with a
 * {@link CollapseAnimator} driven by a Timeline; refused regions get a badge on the nodes they blame.
 */
public final class CollapseView extends BorderPane {

    private final CollapseViewModel cvm;
    private final EditorViewModel display = new EditorViewModel();
    private final EditorCanvas canvas = new EditorCanvas(display);
    private final StepPanel panel = new StepPanel();
    private final Label caption = new Label();
    private final PlayerControls controls;
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final List<javafx.scene.Node> badges = new ArrayList<>();
    private final List<Double> frameMillis = new ArrayList<>();
    private final Map<Refusal, Optional<BorderDiff>> diffs = new HashMap<>();
    /** The tidy move after the last step takes this share of a step's time. */
    private static final double TIDY_SHARE = 0.6;
    private Timeline timeline;
    private CollapseAnimator animator;
    /** Whether the running animation plays a step (or the tidy move) in reverse, toward the stage before. */
    private boolean backward;
    private final DoubleProperty tidyProgress = new SimpleDoubleProperty(0);
    private Timeline tidyTimeline;
    private TidyMove tidy;
    /** Whether the canvas shows the tidied fused design (laid out unlike the stages before it). */
    private boolean shownTidy;
    private String method = "";
    private Runnable onClose = () -> { };
    private Consumer<Refusal> onFix = r -> { };
    private final AnimationTimer pulses = new AnimationTimer() {
        private long last;

        @Override
        public void handle(long now) {
            if (last != 0 && animator != null) {
                frameMillis.add((now - last) / 1e6);
            }
            last = animator != null ? now : 0;
        }
    };

    public CollapseView(CollapseViewModel cvm) {
        this.cvm = cvm;
        setId("collapse-view");
        getStyleClass().add("rs-collapse");
        java.net.URL css = CollapseView.class.getResource("/assets/themes/collapse.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        controls = new PlayerControls(cvm, new PlayerControls.Actions(() -> onClose.run(), () -> {
            stopAnimation();
            cvm.restart();
        }, this::stepBack, this::playPause, this::stepForward, () -> {
            stopAnimation();
            cvm.toEnd();
        }));
        setTop(controls);
        caption.setId("collapse-caption");
        caption.getStyleClass().add("rs-collapse-caption");
        caption.setMouseTransparent(true);
        StackPane middle = new StackPane(canvas, caption);
        StackPane.setAlignment(caption, Pos.TOP_LEFT);
        canvas.setId("collapse-canvas");
        readOnly();
        setCenter(middle);
        setRight(panel);
        cvm.indexProperty().addListener((o, a, b) -> {
            if (animator == null) {
                showStage();
            }
        });
        cvm.viewProperty().addListener((o, a, b) -> {
            stopAnimation();
            showStage();
        });
        cvm.playingProperty().addListener((o, a, p) -> {
            if (p && animator == null) {
                animateNext();
            }
        });
        progress.addListener((o, a, t) -> {
            if (animator != null) {
                animator.pose(t.doubleValue());
                caption(animator.step(), t.doubleValue());
            }
        });
        tidyProgress.addListener((o, a, t) -> {
            if (tidy != null) {
                tidy.pose(t.doubleValue());
            }
        });
        pulses.start();
        addEventHandler(KeyEvent.KEY_PRESSED, this::keys);
    }

    /**
     * Space plays or pauses, Left and Right step, Home restarts, End jumps to the end, Escape goes back
     * to the editor. Delete is swallowed: the editor's selection is not to be deleted unseen.
     */
    private void keys(KeyEvent e) {
        switch (e.getCode()) {
            case SPACE -> playPause();
            case RIGHT -> stepForward();
            case LEFT -> stepBack();
            case HOME -> {
                stopAnimation();
                cvm.restart();
            }
            case END -> {
                stopAnimation();
                cvm.toEnd();
            }
            case ESCAPE -> onClose.run();
            case DELETE, BACK_SPACE -> { }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void playPause() {
        if (cvm.isPlaying()) {
            cvm.togglePlay();
            stopAnimation();
        } else {
            stopAnimation();
            cvm.togglePlay();
        }
    }

    /** Mouse presses, drags and keys never reach the display canvas: it cannot be edited. Wheel zoom works. */
    private void readOnly() {
        for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_RELEASED,
                MouseEvent.MOUSE_CLICKED, MouseEvent.DRAG_DETECTED)) {
            canvas.addEventFilter(type, MouseEvent::consume);
        }
        canvas.addEventFilter(KeyEvent.ANY, e -> { // the player's keys, and nothing for the canvas's own
            if (e.getEventType() == KeyEvent.KEY_PRESSED) {
                keys(e);
            }
            if (!e.isShortcutDown()) { // Ctrl+T, Ctrl+O, ... go on to the menus' accelerators
                e.consume();
            }
        });
    }

    /** Says the collapse is being computed; the canvas shows nothing until {@link #load} is called. */
    public void busy(String text) {
        stopAnimation();
        cvm.playingProperty().set(false);
        display.load(EditorState.empty());
        badges();
        caption.setText(text);
        controls.setCounter("");
        controls.setFigures("");
        panel.content().getChildren().clear();
    }

    /** Starts over on {@code t}, the original laid out at {@code positions}. */
    public void load(FusionTrace t, Map<String, org.repstudio.app.editor.Pos> positions, String method) {
        stopAnimation();
        this.method = method == null ? "" : method;
        display.setMethod(this.method);
        diffs.clear();
        cvm.load(t, positions);
        showStage();
        canvas.fit();
        javafx.application.Platform.runLater(canvas::fit);
    }

    /** Shows the stage the player is at (or the before/after design) with its badges, panel and caption. */
    private void showStage() {
        CollapseViewModel.Stage s = cvm.shown();
        if (s == null) {
            return;
        }
        display.load(new EditorState(s.graph(), s.positions(), Map.of(), Map.of()));
        badges();
        CollapseViewModel.View v0 = cvm.viewProperty().get();
        boolean tidied = v0 == CollapseViewModel.View.AFTER && cvm.stepCount() > 0
                || v0 == CollapseViewModel.View.STEPS && cvm.isTidied(cvm.index());
        if (tidied != shownTidy) { // the other layout lies elsewhere on the canvas: show all of it
            shownTidy = tidied;
            canvas.fit();
        }
        controls.setCounter(cvm.counterText());
        controls.setFigures("before " + cvm.before().text() + "   →   after " + cvm.after().text());
        CollapseViewModel.View v = cvm.viewProperty().get();
        if (v == CollapseViewModel.View.BEFORE) {
            caption.setText("Before: the design as drawn · " + cvm.before().text());
        } else if (v == CollapseViewModel.View.AFTER) {
            caption.setText("After: the fused design · " + cvm.after().text());
        } else if (cvm.index() == 0) {
            caption.setText(cvm.stepCount() > 0 ? "The design as drawn · press play"
                    : cvm.refusals().isEmpty() ? "Nothing to collapse"
                    : cvm.refusals().size() + " region(s) refused: see why on the right");
        } else {
            FusionStep st = cvm.trace().steps().get(cvm.index() - 1);
            caption.setText("Step " + cvm.index() + " / " + cvm.stepCount() + " · " + st.rule().displayName()
                    + (cvm.index() == cvm.stepCount() ? " · done: " + cvm.after().nodes() + " nodes" : ""));
        }
        panel.show(cvm.focusStep(), cvm.index() == 0, cvm.refusals(), this::diffOf, onFix);
    }

    private Optional<BorderDiff> diffOf(Refusal r) {
        return diffs.computeIfAbsent(r, k -> {
            if (k.remedy().filter(Remedy.BIAS_PADDING::equals).isEmpty()) {
                return Optional.empty();
            }
            FusionTrace t = cvm.trace();
            EditorState s = new EditorState(t.original(), cvm.stage(0).positions(), Map.of(), Map.of());
            return BiasPaddingFix.apply(s, k.nodes()).flatMap(fixed -> BorderDiff.of(t.original(),
                    t.originalWeights(), k, fixed.graph(), new Method(method, false), LoadedDesign.DEFAULT_SEED));
        });
    }

    /** A refusal badge on each node a refusal blames that the canvas shows. */
    private void badges() {
        for (javafx.scene.Node b : badges) {
            if (b.getParent() instanceof Group g) {
                g.getChildren().remove(b);
            }
        }
        badges.clear();
        for (Refusal r : cvm.refusals()) {
            java.util.Set<String> blamed = new java.util.LinkedHashSet<>(CollapseViewModel.blamed(r));
            for (BiasPaddingFix.Site site : BiasPaddingFix.sites(display.graph(), r.nodes())) {
                blamed.add(site.producer()); // every place the fix would change, not only the one named
                blamed.add(site.consumer());
            }
            for (String id : blamed) {
                Optional<NodeSkin> skin = canvas.skinOf(id);
                if (skin.isEmpty() || !(skin.get().getParent() instanceof Group g)) {
                    continue;
                }
                FontIcon icon = new FontIcon(MaterialDesignC.CLOSE_OCTAGON);
                Label badge = new Label("refused", icon);
                badge.setId("collapse-refused-" + id);
                badge.getStyleClass().add("rs-collapse-badge");
                badge.setMouseTransparent(true);
                badge.relocate(skin.get().getLayoutX() + NodeSkin.WIDTH - 58, skin.get().getLayoutY() - 14);
                g.getChildren().add(badge);
                badges.add(badge);
            }
        }
    }

    private void caption(FusionStep s, double t) {
        controls.setCounter("step " + s.index() + " / " + cvm.stepCount());
        caption.setText("Step " + s.index() + " / " + cvm.stepCount() + " · " + s.rule().displayName() + " · "
                + CollapseAnimator.phase(t) + " · " + String.join(" + ", s.nodesIn()) + " → " + s.nodeOut());
    }

    /** Animates the next step, or finishes the one running. */
    public void stepForward() {
        if (animator != null) {
            completeAnimation();
            return;
        }
        if (tidy != null) {
            endTidy();
            return;
        }
        if (cvm.viewProperty().get() != CollapseViewModel.View.STEPS) {
            cvm.viewProperty().set(CollapseViewModel.View.STEPS);
        }
        animateNext();
    }

    private void animateNext() {
        Optional<FusionStep> next = cvm.nextStep();
        if (next.isEmpty()) {
            cvm.playingProperty().set(false);
            return;
        }
        animator = new CollapseAnimator(canvas, next.get(), cvm.landing(cvm.index() + 1));
        backward = false;
        panel.show(next, true, cvm.refusals(), this::diffOf, onFix);
        timeline = sweep(progress, 0, 1, cvm.stepSeconds());
        timeline.setOnFinished(e -> completeAnimation());
        timeline.play();
    }

    /** A timeline taking {@code p} from {@code from} to {@code to} in {@code seconds}. */
    private static Timeline sweep(DoubleProperty p, double from, double to, double seconds) {
        p.set(from);
        return new Timeline(new KeyFrame(Duration.ZERO, new KeyValue(p, from)),
                new KeyFrame(Duration.seconds(seconds), new KeyValue(p, to)));
    }

    /**
     * Steps back, playing the last step in reverse (after the tidy move, when at the end): the new node
     * comes apart into the nodes it was made of and they slide back to their places. A step running
     * forward is cancelled and the one before it undone at once, as is a second press while one plays
     * back.
     */
    public void stepBack() {
        if (animating()) {
            boolean wasBackward = backward;
            stopAnimation();
            cvm.stepBack();
            if (wasBackward) {
                cvm.stepBack();
            }
            return;
        }
        if (!cvm.canStepBack() || cvm.viewProperty().get() != CollapseViewModel.View.STEPS) {
            cvm.stepBack();
            return;
        }
        cvm.playingProperty().set(false);
        backward = true;
        int i = cvm.index();
        if (cvm.isTidied(i)) { // the fused design opens up to where the last step left it first
            tidy = new TidyMove(canvas, cvm.landing(i), cvm.stage(i).positions());
            tidyTimeline = sweep(tidyProgress, 1, 0, cvm.stepSeconds() * TIDY_SHARE);
            tidyTimeline.setOnFinished(e -> {
                tidyTimeline = null;
                TidyMove done = tidy;
                tidy = null;
                done.finish();
                unmorph(i);
            });
            tidyTimeline.play();
        } else {
            unmorph(i);
        }
    }

    /** Shows the design before step {@code i} posed at the step's end and plays the step backward. */
    private void unmorph(int i) {
        CollapseViewModel.Stage before = cvm.stage(i - 1);
        display.load(new EditorState(before.graph(), before.positions(), Map.of(), Map.of()));
        badges();
        if (shownTidy) {
            shownTidy = false;
            canvas.fit();
        }
        FusionStep step = cvm.trace().steps().get(i - 1);
        animator = new CollapseAnimator(canvas, step, cvm.landing(i));
        animator.pose(1);
        panel.show(Optional.of(step), false, cvm.refusals(), this::diffOf, onFix);
        timeline = sweep(progress, 1, 0, cvm.stepSeconds());
        timeline.setOnFinished(e -> completeAnimation());
        timeline.play();
    }

    private void completeAnimation() {
        if (timeline != null) {
            timeline.stop();
        }
        CollapseAnimator done = animator;
        animator = null;
        timeline = null;
        if (done != null && backward) {
            backward = false;
            done.finish();
            cvm.stepBack(); // shows the stage before through the index listener
            return;
        }
        if (done != null) {
            done.finish();
            cvm.stepForward(); // shows the next stage through the index listener
            if (cvm.isTidied(cvm.index())) {
                startTidy();
            }
        }
        if (cvm.isPlaying()) {
            animateNext();
        }
    }

    /** Shows the fused design where the last step left it and lets it close up into its tidied layout. */
    private void startTidy() {
        CollapseViewModel.Stage s = cvm.shown();
        display.load(new EditorState(s.graph(), cvm.landing(cvm.index()), Map.of(), Map.of()));
        badges();
        tidy = new TidyMove(canvas, cvm.landing(cvm.index()), s.positions());
        tidy.pose(0);
        tidyTimeline = sweep(tidyProgress, 0, 1, cvm.stepSeconds() * TIDY_SHARE);
        tidyTimeline.setOnFinished(e -> endTidy());
        tidyTimeline.play();
    }

    /** Ends the tidy move (at once when it is still running): the tidied design, fitted. */
    private void endTidy() {
        if (tidyTimeline != null) {
            tidyTimeline.stop();
        }
        TidyMove done = tidy;
        tidy = null;
        tidyTimeline = null;
        if (done != null) {
            done.finish();
            showStage();
            canvas.fit();
        }
    }

    /**
     * Stops a running step without applying it (a running tidy move jumps to its end); the canvas shows
     * the stage the player is at again.
     */
    private void stopAnimation() {
        boolean wasBackward = backward && animating();
        backward = false;
        endTidy();
        if (timeline != null) {
            timeline.stop();
        }
        if (animator != null) {
            animator.finish();
        }
        animator = null;
        timeline = null;
        if (wasBackward) { // it showed the stage before, which the player is not at yet
            showStage();
        }
    }

    /** Whether a step, or the fused design's closing up after the last one, is being animated. */
    public boolean animating() {
        return animator != null || tidy != null;
    }

    /** Sets the running step's animation to time {@code t} without the timeline (frames export). */
    CollapseAnimator begin() {
        stopAnimation();
        cvm.playingProperty().set(false);
        Optional<FusionStep> next = cvm.nextStep();
        if (next.isEmpty()) {
            return null;
        }
        animator = new CollapseAnimator(canvas, next.get(), cvm.landing(cvm.index() + 1));
        panel.show(next, true, cvm.refusals(), this::diffOf, onFix);
        return animator;
    }

    /**
     * Frames a step: the whole design when it is readable at 60 % or more, else zoomed to 80 % around
     * the middle of the nodes the step reads, so each frame of a wide design stays legible.
     */
    void focus(FusionStep s) {
        canvas.fit();
        if (canvas.zoom() >= 0.6) {
            return;
        }
        canvas.zoomAt(canvas.getWidth() / 2, canvas.getHeight() / 2, 0.8 / canvas.zoom());
        // centre on the drawn node nearest the middle of the step's nodes
        Map<String, org.repstudio.app.editor.Pos> at = cvm.stage(cvm.index()).positions();
        org.repstudio.app.editor.Pos mid = CollapseLayout.centroid(at, s.nodesIn());
        if (mid == null) {
            return;
        }
        String best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, org.repstudio.app.editor.Pos> e : at.entrySet()) {
            double d = Math.hypot(e.getValue().x() - mid.x(), e.getValue().y() - mid.y());
            if (d < bestD && canvas.skinOf(e.getKey()).isPresent()) {
                bestD = d;
                best = e.getKey();
            }
        }
        if (best != null) {
            canvas.centreOn(best);
        }
    }

    /** Shows the whole design. */
    void fitAll() {
        canvas.fit();
    }

    /** Poses the animation begun with {@link #begin()} at time {@code t}. */
    void pose(double t) {
        progress.set(t);
        animator.pose(t);
        caption(animator.step(), t);
    }

    /** Ends the animation begun with {@link #begin()}, applying its step (and tidying after the last). */
    void end() {
        completeAnimation();
        endTidy();
    }

    /**
     * For exported frames: the fused design closing up, posed at time {@code t} (0..1) with no timeline;
     * {@link #end()} finishes it. Does nothing when the steps left the design where it ends anyway.
     */
    boolean poseTidy(double t) {
        CollapseViewModel.Stage s = cvm.shown();
        if (tidy == null) {
            if (cvm.landing(cvm.index()).equals(s.positions())) {
                return false;
            }
            display.load(new EditorState(s.graph(), cvm.landing(cvm.index()), Map.of(), Map.of()));
            badges();
            tidy = new TidyMove(canvas, cvm.landing(cvm.index()), s.positions());
        }
        tidy.pose(t);
        return true;
    }

    public void setOnClose(Runnable r) {
        onClose = r;
    }

    public void setOnFix(Consumer<Refusal> fix) {
        onFix = fix;
    }

    /** Takes the keyboard, so the player's keys work at once. */
    public void takeFocus() {
        canvas.requestFocus();
    }

    public EditorCanvas canvas() {
        return canvas;
    }

    public StepPanel panel() {
        return panel;
    }

    /** Adds a button to the end of the player's tool bar (the main window adds the Quantization view's). */
    public void addTool(javafx.scene.control.Button tool) {
        controls.getItems().add(tool);
    }

    public CollapseViewModel model() {
        return cvm;
    }

    /** The graph the canvas shows now. */
    public Graph shownGraph() {
        return display.graph();
    }

    /** Milliseconds between animation pulses while a step was animated, in order. */
    public List<Double> frameMillis() {
        return List.copyOf(frameMillis);
    }

    /** Stops the animation and the pulse counter (the view is being closed). */
    public void dispose() {
        stopAnimation();
        cvm.playingProperty().set(false);
        pulses.stop();
    }
}
