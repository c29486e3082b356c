package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The state of the Collapse player, without any JavaFX node: the trace, the stage shown (0 is the
 * original design, {@code i} the design after step {@code i}), play/pause, speed, and whether the
 * before/after comparison is on. Stepping back shows the earlier stage's graph and weights exactly (the
 * trace keeps every step's whole design). The last stage is the fused design tidied (see
 * {@link CollapseLayout#tidy}); {@link #landing} says where the last step's nodes land before that. A
 * collapse is tied to the graph it started from: when the
 * design was edited since, {@link #isStaleFor} says so and the caller starts a new one.
 */
public final class CollapseViewModel {

    /** What the canvas shows: the stage the player is at, or the original / fused design for comparison. */
    public enum View { STEPS, BEFORE, AFTER }

    /** The design at one stage: graph, its weights, and where each node sits. */
    public record Stage(Graph graph, Weights weights, Map<String, Pos> positions) {
    }

    /** Seconds one step takes at speed 1. */
    public static final double STEP_SECONDS = 1.8;
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4;

    private final ReadOnlyObjectWrapper<FusionTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ObjectProperty<View> view = new SimpleObjectProperty<>(this, "view", View.STEPS);
    private List<Stage> stages = List.of();
    private List<Map<String, Pos>> landings = List.of();
    private Totals before = new Totals(0, 0, 0);
    private Totals after = new Totals(0, 0, 0);

    /** Starts over on {@code t}, laid out from {@code positions} (those of the original design). */
    public void load(FusionTrace t, Map<String, Pos> positions) {
        List<Stage> s = new ArrayList<>();
        List<Map<String, Pos>> land = new ArrayList<>();
        Map<String, Pos> pos = Map.copyOf(positions);
        s.add(new Stage(t.original(), t.originalWeights(), pos));
        land.add(pos);
        for (FusionStep step : t.steps()) {
            pos = CollapseLayout.after(pos, step);
            s.add(new Stage(step.graphAfter(), step.weightsAfter(), pos));
            land.add(pos);
        }
        if (!t.steps().isEmpty()) { // the fused design keeps no gaps where the original's nodes were
            Stage last = s.get(s.size() - 1);
            s.set(s.size() - 1, new Stage(last.graph(), last.weights(), Map.copyOf(
                    CollapseLayout.tidy(last.positions(), last.graph()))));
        }
        stages = Collections.unmodifiableList(s);
        landings = Collections.unmodifiableList(land);
        before = Totals.of(t.original());
        after = Totals.of(t.fused());
        playing.set(false);
        view.set(View.STEPS);
        index.set(0);
        trace.set(t);
    }

    /** True when no collapse was loaded or it started from a graph other than {@code current}. */
    public boolean isStaleFor(Graph current) {
        return trace.get() == null || !trace.get().original().equals(current);
    }

    public ReadOnlyObjectProperty<FusionTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public FusionTrace trace() {
        return trace.get();
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** Steps applied so far: 0 is the original design. */
    public int index() {
        return index.get();
    }

    public int stepCount() {
        return stages.isEmpty() ? 0 : stages.size() - 1;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public boolean isPlaying() {
        return playing.get();
    }

    /** Speed factor, {@link #MIN_SPEED} to {@link #MAX_SPEED}; 1 is {@link #STEP_SECONDS} per step. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** How long the next step's animation takes at the current speed. */
    public double stepSeconds() {
        return STEP_SECONDS / Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed.get()));
    }

    public ObjectProperty<View> viewProperty() {
        return view;
    }

    /** The stage at {@code i} (0 = original). */
    public Stage stage(int i) {
        return stages.get(i);
    }

    /**
     * Where the nodes of stage {@code i} sit as step {@code i} leaves them: the stage's positions, except
     * for the fused design, which is then tidied (its animation starts here).
     */
    public Map<String, Pos> landing(int i) {
        return landings.get(i);
    }

    /** True when stage {@code i} is the tidied fused design (laid out unlike the stages before it). */
    public boolean isTidied(int i) {
        return i > 0 && i == stepCount();
    }

    /** What the canvas shows now, given the before/after comparison. */
    public Stage shown() {
        if (stages.isEmpty()) {
            return null;
        }
        return switch (view.get()) {
            case BEFORE -> stages.get(0);
            case AFTER -> stages.get(stages.size() - 1);
            default -> stages.get(index.get());
        };
    }

    /** The step that leads from stage {@code index} to the next, if any. */
    public Optional<FusionStep> nextStep() {
        int i = index.get();
        return i < stepCount() ? Optional.of(trace.get().steps().get(i)) : Optional.empty();
    }

    /** The step the panel explains: the last one applied, or the first at the start. */
    public Optional<FusionStep> focusStep() {
        if (stepCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(trace.get().steps().get(Math.max(1, index.get()) - 1));
    }

    public boolean canStepForward() {
        return index.get() < stepCount();
    }

    public boolean canStepBack() {
        return index.get() > 0;
    }

    /** Applies the next step; false at the end. */
    public boolean stepForward() {
        if (!canStepForward()) {
            playing.set(false);
            return false;
        }
        view.set(View.STEPS);
        index.set(index.get() + 1);
        if (!canStepForward()) {
            playing.set(false);
        }
        return true;
    }

    /** Undoes the last step: the earlier stage's graph and weights, exactly. */
    public boolean stepBack() {
        playing.set(false);
        if (!canStepBack()) {
            return false;
        }
        view.set(View.STEPS);
        index.set(index.get() - 1);
        return true;
    }

    public void toEnd() {
        playing.set(false);
        view.set(View.STEPS);
        index.set(stepCount());
    }

    public void restart() {
        playing.set(false);
        view.set(View.STEPS);
        index.set(0);
    }

    /** Plays from here (from the start when at the end), or pauses. */
    public void togglePlay() {
        if (playing.get()) {
            playing.set(false);
            return;
        }
        if (!canStepForward()) {
            index.set(0);
        }
        view.set(View.STEPS);
        playing.set(stepCount() > 0);
    }

    /** "step 3 / 12". */
    public String counterText() {
        return "step " + index.get() + " / " + stepCount();
    }

    /** Parameters and FLOPs of the unfused design. */
    public Totals before() {
        return before;
    }

    /** Parameters and FLOPs of the fused design. */
    public Totals after() {
        return after;
    }

    public List<Refusal> refusals() {
        return trace.get() == null ? List.of() : trace.get().refusals();
    }

    /** Nodes a refusal points at: those it blames, else all of its region. */
    public static List<String> blamed(Refusal r) {
        return r.blamed().isEmpty() ? r.nodes() : r.blamed();
    }
}
