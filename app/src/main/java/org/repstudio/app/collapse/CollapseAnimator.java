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
 * out while a box of the new node fades in at the same place and size. {@link #pose(double)} sets everything
 * for a time 0..1, so the same code drives the live Timeline and the headless frames. The skins are moved
 * through the canvas's poses, so the wires stay attached to them; the poses, opacities and a style class
 * are all reset by {@link #finish()}.
 */
public final class CollapseAnimator {

    /** End of the highlight phase and of the slide phase, as fractions of the step. */
    public static final double HIGHLIGHT_END = 0.2;
    public static final double SLIDE_END = 0.62;
    /** How much the sliding boxes shrink, so the ones converging stay apart from their neighbours. */
    private static final double SHRINK = 0.12;

    private final EditorCanvas canvas;
    private final FusionStep step;
    private final Pos target;
    private final List<NodeSkin> moving = new ArrayList<>();
    private final List<NodeSkin> highlighted = new ArrayList<>();
    /** Wires between two moving nodes: they shrink to nothing as the nodes meet, so they fade out. */
    private final List<CubicCurve> inner = new ArrayList<>();
    private final Map<String, Pos> start = new java.util.HashMap<>();
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
        moving.forEach(m -> start.put(m.nodeId(), new Pos(m.getLayoutX(), m.getLayoutY())));
        for (javafx.scene.Node n : canvas.lookupAll(".rs-wire")) {
            if (n instanceof CubicCurve c && c.getUserData() instanceof Edge e
                    && start.containsKey(e.from()) && start.containsKey(e.to())) {
                inner.add(c);
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
        // the boxes shrink a little as they slide together, then grow back into the new node's size
        double scale = 1 - SHRINK * slide + SHRINK * morph;
        Map<String, EditorCanvas.Pose> poses = new java.util.HashMap<>();
        for (NodeSkin s : moving) {
            if (!s.getStyleClass().contains("rs-collapse-in")) {
                s.getStyleClass().add("rs-collapse-in");
            }
            Pos from = start.get(s.nodeId());
            Pos at = new Pos(from.x() + (target.x() - from.x()) * slide, from.y() + (target.y() - from.y()) * slide);
            poses.put(s.nodeId(), new EditorCanvas.Pose(at, scale));
            s.setOpacity(1 - morph);
            s.toFront();
        }
        canvas.pose(poses); // lays the wires out again from the posed boxes
        for (NodeSkin s : highlighted) {
            if (!s.getStyleClass().contains("rs-collapse-in")) {
                s.getStyleClass().add("rs-collapse-in");
            }
        }
        for (CubicCurve c : inner) {
            c.setOpacity(1 - slide);
        }
        if (ghost != null) {
            ghost.toFront();
            ghost.setOpacity(morph);
            ghost.setScaleX(scale);
            ghost.setScaleY(scale);
        }
    }

    /** Puts the canvas's skins back as they were and removes the new node's box. */
    public void finish() {
        canvas.clearPoses();
        for (NodeSkin s : moving) {
            s.getStyleClass().remove("rs-collapse-in");
            s.setOpacity(1);
        }
        for (NodeSkin s : highlighted) {
            s.getStyleClass().remove("rs-collapse-in");
        }
        for (CubicCurve c : inner) {
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

    static double ease(double u) {
        return u * u * (3 - 2 * u);
    }
}
