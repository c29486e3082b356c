package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.canvas.NodeSkin;
import org.repstudio.app.diagram.OpLabels;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Node;

/**
 * One step's animation over the skins a canvas already shows (the design before the step): the nodes
 * the step reads are highlighted, slide together toward where the node it writes will sit, and fade
 * and shrink while a box of the new node grows in its place. {@link #pose(double)} sets everything for a
 * time 0..1, so the same code drives the live Timeline and the headless frames. The canvas's skins are
 * only moved through their translate/scale/opacity and a style class, all reset by {@link #finish()}.
 */
public final class CollapseAnimator {

    /** End of the highlight phase and of the slide phase, as fractions of the step. */
    public static final double HIGHLIGHT_END = 0.2;
    public static final double SLIDE_END = 0.62;

    private final EditorCanvas canvas;
    private final FusionStep step;
    private final Pos target;
    private final List<NodeSkin> moving = new ArrayList<>();
    private final List<NodeSkin> highlighted = new ArrayList<>();
    private final List<CubicCurve> wires = new ArrayList<>();
    private VBox ghost;
    private Group layer;

    /** Prepares {@code step} on {@code canvas}, which shows the design before it; {@code after} is laid out. */
    public CollapseAnimator(EditorCanvas canvas, FusionStep step, Map<String, Pos> after) {
        this.canvas = canvas;
        this.step = step;
        this.target = CollapseLayout.target(after, step);
        for (String id : step.nodesIn()) {
            // a node the step rewrites but keeps (RMNet widens the convs it carries x through) is only
            // highlighted; the others merge into the node the step writes
            boolean kept = !id.equals(step.nodeOut()) && step.graphAfter().contains(id);
            canvas.skinOf(id).ifPresent(kept ? highlighted::add : moving::add);
        }
        java.util.Set<String> movingIds = new java.util.HashSet<>();
        moving.forEach(m -> movingIds.add(m.nodeId()));
        for (javafx.scene.Node n : canvas.lookupAll(".rs-wire")) {
            if (n instanceof CubicCurve c && c.getUserData() instanceof Edge e
                    && (movingIds.contains(e.from()) || movingIds.contains(e.to()))) {
                wires.add(c);
            }
        }
        // the layer the skins live in; when the step's nodes are not drawn yet (a shortcut made into an
        // identity node within the step), any skin's layer will do
        javafx.scene.Node anySkin = moving.isEmpty() ? canvas.lookup(".rs-node") : moving.get(0);
        if (anySkin != null && anySkin.getParent() instanceof Group g) {
            layer = g;
            ghost = ghost(step);
            ghost.relocate(target.x(), target.y());
            ghost.setOpacity(0);
            layer.getChildren().add(ghost);
        }
    }

    /** The box of the node the step writes, as the canvas will show it. */
    private static VBox ghost(FusionStep step) {
        Node out = step.graphAfter().node(step.nodeOut());
        Label title = new Label(step.nodeOut());
        title.getStyleClass().add("rs-node-title");
        title.setMaxWidth(Double.MAX_VALUE);
        Label summary = new Label(OpLabels.summary(out.op()));
        summary.getStyleClass().add("rs-node-summary");
        Label rule = new Label(step.rule().displayName());
        rule.getStyleClass().add("rs-collapse-ghost-rule");
        VBox box = new VBox(title, summary, rule);
        box.getStyleClass().addAll("rs-node", "rs-op-" + OpLabels.category(out.op()), "rs-collapse-ghost");
        box.setPrefSize(NodeSkin.WIDTH, NodeSkin.HEIGHT);
        box.setMinSize(NodeSkin.WIDTH, NodeSkin.HEIGHT);
        box.setMaxSize(NodeSkin.WIDTH, NodeSkin.HEIGHT);
        box.setMouseTransparent(true);
        box.setId("collapse-ghost");
        return box;
    }

    /** The phase a time falls in, for captions: "highlight", "slide" or "morph". */
    public static String phase(double t) {
        return t < HIGHLIGHT_END ? "highlight" : t < SLIDE_END ? "slide" : "morph";
    }

    /** Sets every animated property for time {@code t} in [0, 1]. */
    public void pose(double t) {
        double slide = ease(clamp((t - HIGHLIGHT_END) / (SLIDE_END - HIGHLIGHT_END)));
        double morph = ease(clamp((t - SLIDE_END) / (1 - SLIDE_END)));
        for (NodeSkin s : moving) {
            if (!s.getStyleClass().contains("rs-collapse-in")) {
                s.getStyleClass().add("rs-collapse-in");
            }
            s.setTranslateX((target.x() - s.getLayoutX()) * slide);
            s.setTranslateY((target.y() - s.getLayoutY()) * slide);
            double scale = 1 - 0.12 * slide - 0.3 * morph;
            s.setScaleX(scale);
            s.setScaleY(scale);
            s.setOpacity(1 - morph);
            s.toFront();
        }
        for (NodeSkin s : highlighted) {
            if (!s.getStyleClass().contains("rs-collapse-in")) {
                s.getStyleClass().add("rs-collapse-in");
            }
        }
        for (CubicCurve c : wires) {
            c.setOpacity(1 - 0.6 * slide - 0.4 * morph);
        }
        if (ghost != null) {
            ghost.toFront();
            ghost.setOpacity(morph);
            double g = 0.6 + 0.4 * morph;
            ghost.setScaleX(g);
            ghost.setScaleY(g);
        }
    }

    /** Puts the canvas's skins back as they were and removes the new node's box. */
    public void finish() {
        for (NodeSkin s : moving) {
            s.getStyleClass().remove("rs-collapse-in");
            s.setTranslateX(0);
            s.setTranslateY(0);
            s.setScaleX(1);
            s.setScaleY(1);
            s.setOpacity(1);
        }
        for (NodeSkin s : highlighted) {
            s.getStyleClass().remove("rs-collapse-in");
        }
        for (CubicCurve c : wires) {
            c.setOpacity(1);
        }
        if (layer != null) {
            layer.getChildren().remove(ghost);
        }
    }

    public FusionStep step() {
        return step;
    }

    /** The skins this step moves (those of its nodes shown before it). */
    public List<NodeSkin> moving() {
        return List.copyOf(moving);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double ease(double u) {
        return u * u * (3 - 2 * u);
    }
}
