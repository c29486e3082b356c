package org.repstudio.app.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;
import org.repstudio.app.diagram.OpLabels;
import org.repstudio.app.editor.BlockGroup;
import org.repstudio.app.editor.ConnectionRefusal;
import org.repstudio.app.editor.Costs;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Feedback;
import org.repstudio.app.editor.PaletteItem;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.TensorShape;

/**
 * The node-graph editor: node and sub-block boxes with typed ports, wires as curves labelled with their
 * tensor shape, drag from an output port to an input to connect (a refused connection turns red and says
 * why), rubber-band and shift selection, moving (one edit on release), zoom at the cursor (wheel), pan
 * (right or middle drag), fit to view, and double-click to search-and-insert. Skins are kept per model
 * element and updated in place after each edit. Only what lies in (or near) the view has a skin: the rest
 * of the design is known by position and gets its skins when panning or zooming brings it into view, so a
 * large design opens and edits at the cost of what is on screen. Zoomed out below {@link #LABEL_MIN_ZOOM},
 * where they could not be read, wires carry no shape labels.
 */
public final class EditorCanvas extends Pane {

    private static final double MIN_ZOOM = 0.1;
    private static final double MAX_ZOOM = 3;
    /** How far beyond the view's edges (in screen pixels) elements are skinned ahead of panning. */
    private static final double CULL_MARGIN = 80;
    /** Below this zoom a wire's shape label (10 px text) would be under 3 px tall: not made, not shown. */
    public static final double LABEL_MIN_ZOOM = 0.3;
    /** How far beyond the view's edges (in screen pixels) skins are kept before they are let go. */
    private static final double DROP_MARGIN = 240;

    private final EditorViewModel vm;
    private final Pane world = new Pane();
    private final Group wireLayer = new Group();
    private final Group labelLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate translate = new Translate(0, 0);
    /** Skins made so far: the shown elements in or near the view (see {@link #cull()}). */
    private final Map<String, NodeSkin> skins = new HashMap<>();
    /** Every element the design shows (node, or collapsed sub-block), skinned or not. */
    private final Set<String> shown = new LinkedHashSet<>();
    /** Every wire the design shows, drawn or not. */
    private final Set<Edge> shownEdges = new LinkedHashSet<>();
    private final Map<Edge, CubicCurve> wires = new HashMap<>();
    private final Map<Edge, Label> wireLabels = new HashMap<>();
    private final Rectangle band = new Rectangle();
    private final CubicCurve pending = new CubicCurve();
    private final Label refusal = new Label();
    /** Shown in the middle of an empty canvas: how to start a design. */
    private final Label emptyHint = new Label("Drag an op from the palette, double-click here to search and "
            + "insert one,\nor open a ready-made design from File ▸ Samples.");
    private final VBox quickInsert = new VBox(4);
    /** Whether the design has nothing to show; the hint also steps aside while the insert box is open. */
    private final BooleanProperty nothingShown = new SimpleBooleanProperty();
    private final Minimap minimap = new Minimap(this);
    private final NodeFinder finder;
    private final TextField quickSearch = new TextField();
    private final ListView<PaletteItem> quickList = new ListView<>();
    private final PauseTransition hideRefusal = new PauseTransition(Duration.seconds(4));
    private final Map<String, Pos> dragging = new HashMap<>();
    /** Elements an animation draws away from their model position (see {@link #pose}); the model is untouched. */
    private final Map<String, Pose> poses = new HashMap<>();
    private Point2D pressScene;
    private Point2D pressWorld;
    private String connectFrom;
    private NodeSkin.PortRef connectTarget;
    private boolean panning;
    private double panX;
    private double panY;
    private Pos quickAt = new Pos(0, 0);
    private Consumer<String> onOpenBlock = id -> { };
    private boolean cullQueued;
    /** Fit again on every resize (see {@link #fitAndKeepFitted()}); off once the user moves the view. */
    private boolean keepFitted;

    public EditorCanvas(EditorViewModel vm) {
        this.vm = vm;
        this.finder = new NodeFinder(vm, id -> {
            vm.select(List.of(vm.visibleId(id)));
            centreOn(id);
        });
        setId("canvas");
        getStyleClass().add("rs-canvas");
        world.getTransforms().addAll(translate, scale);
        world.setManaged(false);
        world.getChildren().addAll(wireLayer, labelLayer, nodeLayer, pending);
        pending.getStyleClass().addAll("rs-wire", "rs-wire-pending");
        pending.setVisible(false);
        pending.setMouseTransparent(true);
        band.getStyleClass().add("rs-band");
        band.setVisible(false);
        band.setManaged(false);
        band.setMouseTransparent(true);
        refusal.setId("connect-refusal");
        refusal.getStyleClass().add("rs-refusal");
        refusal.setVisible(false);
        refusal.setManaged(false);
        refusal.setMouseTransparent(true);
        hideRefusal.setOnFinished(e -> refusal.setVisible(false));
        buildQuickInsert();
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        emptyHint.setId("canvas-empty-hint");
        emptyHint.getStyleClass().add("rs-canvas-hint");
        emptyHint.setMouseTransparent(true);
        emptyHint.setManaged(false);
        emptyHint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        emptyHint.visibleProperty().bind(nothingShown.and(quickInsert.visibleProperty().not()));
        getChildren().addAll(world, emptyHint, band, minimap, refusal, quickInsert, finder);

        vm.revisionProperty().addListener((o, a, b) -> render());
        vm.selectionProperty().addListener((o, a, b) -> styleSelection());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            keepFitted = false;
            zoomAt(e.getX(), e.getY(), Math.exp(e.getDeltaY() * 0.0015));
            e.consume();
        });
        setFocusTraversable(true);
        // a new size shows more or less of the design: skin what came into view before the next frame
        widthProperty().addListener((o, a, b) -> resized());
        heightProperty().addListener((o, a, b) -> resized());
        render();
    }

    /** Called with a sub-block's id when its box is double-clicked. */
    public void setOnOpenBlock(Consumer<String> handler) {
        this.onOpenBlock = handler;
    }

    // ---------------------------------------------------------------- rendering

    /** Brings every skin in line with the model (skins the elements in view, see {@link #cull()}). */
    public void render() {
        EditorState st = vm.state();
        Feedback f = vm.feedback();
        shown.clear();
        for (Node n : st.graph().nodes().values()) {
            if (st.collapsedGroupOf(n.id()) == null) {
                shown.add(n.id());
            }
        }
        for (BlockGroup g : st.groups().values()) {
            if (g.collapsed()) {
                shown.add(g.id());
            }
        }
        poses.keySet().retainAll(shown);
        skins.entrySet().removeIf(e -> {
            if (!shown.contains(e.getKey())) {
                nodeLayer.getChildren().remove(e.getValue());
                return true;
            }
            return false;
        });
        for (Map.Entry<String, NodeSkin> e : skins.entrySet()) {
            refreshSkin(e.getKey(), e.getValue(), f);
        }
        shownEdges.clear();
        for (Edge e : st.graph().edges()) {
            String a = vm.visibleId(e.from());
            String b = vm.visibleId(e.to());
            if (!a.equals(b) && shown.contains(a) && shown.contains(b)) {
                shownEdges.add(e);
            }
        }
        wires.entrySet().removeIf(e -> {
            if (!shownEdges.contains(e.getKey())) {
                wireLayer.getChildren().remove(e.getValue());
                labelLayer.getChildren().remove(wireLabels.remove(e.getKey()));
                return true;
            }
            return false;
        });
        for (Map.Entry<Edge, Label> e : wireLabels.entrySet()) {
            labelWire(e.getKey(), e.getValue(), f);
        }
        cull();
        layoutWires();
        styleSelection();
        nothingShown.set(shown.isEmpty());
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        emptyHint.applyCss(); // unmanaged: sized here, with its stylesheet font, or its second line is cut
        emptyHint.autosize();
        emptyHint.relocate(Math.max(0, (getWidth() - emptyHint.getWidth()) / 2),
                Math.max(0, (getHeight() - emptyHint.getHeight()) / 2));
        finder.relocate(Math.max(0, getWidth() - finder.getWidth() - 12), 12);
        minimap.relocate(Math.max(0, getWidth() - Minimap.WIDTH - 12), Math.max(0, getHeight() - Minimap.HEIGHT - 12));
    }

    /**
     * Skins the shown elements and wires that lie in or near the view and have none yet, and lets go of
     * skins far out of it (so a view left before the next frame, as when a design is opened and then
     * fitted, costs no styling or layout).
     */
    private void cull() {
        cullQueued = false;
        double[] near = viewRect(CULL_MARGIN);
        double[] far = viewRect(DROP_MARGIN);
        Feedback f = null;
        List<NodeSkin> made = new ArrayList<>();
        for (String id : shown) {
            Pos p = posOf(id);
            NodeSkin skin = skins.get(id);
            if (skin == null && boxMeets(p, near)) {
                f = f == null ? vm.feedback() : f;
                made.add(makeSkin(id, f));
            } else if (skin != null && !boxMeets(p, far) && !dragging.containsKey(id) && !poses.containsKey(id)) {
                skins.remove(id);
                nodeLayer.getChildren().remove(skin);
            }
        }
        nodeLayer.getChildren().addAll(made); // one change for the whole batch
        List<CubicCurve> curves = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        // shape labels are legible from LABEL_MIN_ZOOM on; zoomed out further they are not made nor shown
        boolean legible = scale.getX() >= LABEL_MIN_ZOOM;
        labelLayer.setVisible(legible);
        for (Edge e : shownEdges) {
            CubicCurve c = wires.get(e);
            if (c == null && wireMeets(e, near)) {
                c = makeWire(e, curves);
            } else if (c != null && !wireMeets(e, far)) {
                wires.remove(e);
                wireLayer.getChildren().remove(c);
                labelLayer.getChildren().remove(wireLabels.remove(e));
                continue;
            }
            if (c != null && legible && !wireLabels.containsKey(e)) {
                f = f == null ? vm.feedback() : f;
                labels.add(makeLabel(e, f));
            }
        }
        wireLayer.getChildren().addAll(curves);
        labelLayer.getChildren().addAll(labels);
        redrawMinimap();
    }

    /** The overview shows where the view is in the whole design (every pan, zoom and edit comes here). */
    private void redrawMinimap() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        List<Pos> boxes = new ArrayList<>(shown.size());
        for (String id : shown) {
            boxes.add(posOf(id));
        }
        boolean dark = getScene() != null && getScene().getStylesheets().stream().anyMatch(u -> u.endsWith("dark.css"));
        minimap.redraw(boxes, viewRect(0), dark);
    }

    /** Pans so design point {@code w} is in the middle of the view (the overview's clicks). */
    void centreAt(Point2D w) {
        keepFitted = false;
        double s = scale.getX();
        translate.setX(getWidth() / 2 - w.getX() * s);
        translate.setY(getHeight() / 2 - w.getY() * s);
        cull();
        layoutWires();
    }

    /** Opens the find-node field (Edit ▸ Find Node, Ctrl+F). */
    public void showFinder() {
        finder.open();
        requestLayout();
    }

    /** Whether the overview shows (the design does not fit the view); for tests. */
    public boolean overviewShown() {
        return minimap.isVisible();
    }

    /** The view in design coordinates, grown by {@code margin} screen pixels: x0, y0, x1, y1. */
    private double[] viewRect(double margin) {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) { // before the first layout the size is unknown: everything is near
            return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(w, h);
        double m = margin / scale.getX();
        return new double[] {a.getX() - m, a.getY() - m, b.getX() + m, b.getY() + m};
    }

    private static boolean boxMeets(Pos p, double[] r) {
        return p.x() + NodeSkin.WIDTH >= r[0] && p.x() <= r[2] && p.y() + NodeSkin.HEIGHT >= r[1] && p.y() <= r[3];
    }

    private boolean wireMeets(Edge e, double[] r) {
        double[] c = wireEnds(e);
        double bend = Math.max(40, Math.abs(c[2] - c[0]) / 2);
        return Math.max(c[0] + bend, c[2]) >= r[0] && Math.min(c[0], c[2] - bend) <= r[2]
                && Math.max(c[1], c[3]) >= r[1] - 20 && Math.min(c[1], c[3]) <= r[3] + 20;
    }

    private void resized() {
        if (keepFitted) {
            fit();
        }
        queueCull();
    }

    /**
     * Fits the design now and again whenever the canvas changes size, until the user pans, zooms or
     * clicks: a design opened while the window is still being laid out or maximised ends up fitted to the
     * final size, not to the first.
     */
    public void fitAndKeepFitted() {
        keepFitted = true;
        fit();
    }

    /** Culls on the next turn of the event loop (for changes made while a layout pass runs). */
    private void queueCull() {
        if (!cullQueued) {
            cullQueued = true;
            javafx.application.Platform.runLater(() -> {
                if (cullQueued) {
                    cull();
                    layoutWires();
                }
            });
        }
    }

    private NodeSkin makeSkin(String id, Feedback f) {
        NodeSkin skin = new NodeSkin(id);
        skins.put(id, skin);
        refreshSkin(id, skin, f);
        skin.setSelected(vm.selection().contains(id));
        return skin;
    }

    private void refreshSkin(String id, NodeSkin skin, Feedback f) {
        BlockGroup g = vm.state().groups().get(id);
        if (g != null && g.collapsed()) {
            if (!skin.getStyleClass().contains("rs-group")) {
                skin.getStyleClass().add("rs-group");
            }
            updateGroup(skin, g, f);
        } else {
            updateNode(skin, vm.graph().nodes().get(id), f);
        }
        Pos p = posOf(id);
        skin.relocate(p.x(), p.y());
        Pose pose = poses.get(id);
        double k = pose == null ? 1 : pose.scale();
        skin.setScaleX(k);
        skin.setScaleY(k);
    }

    private CubicCurve makeWire(Edge e, List<CubicCurve> curves) {
        CubicCurve curve = new CubicCurve();
        curve.getStyleClass().add("rs-wire");
        curve.setId("wire-" + e.from() + "-" + e.to() + "-" + e.port());
        curve.setUserData(e);
        curve.setOnMouseClicked(ev -> {
            if (ev.getClickCount() == 2) {
                vm.disconnect(e);
            }
        });
        wires.put(e, curve);
        placeWire(e, curve, null);
        curves.add(curve);
        return curve;
    }

    private Label makeLabel(Edge e, Feedback f) {
        Label label = new Label();
        label.getStyleClass().add("rs-wire-label");
        label.setMouseTransparent(true);
        labelWire(e, label, f);
        wireLabels.put(e, label);
        placeWire(e, wires.get(e), label);
        return label;
    }

    private static void labelWire(Edge e, Label l, Feedback f) {
        TensorShape shape = f.shapes().get(e.from());
        l.setText(shape == null ? "?" : shortShape(shape));
    }

    private void updateNode(NodeSkin skin, Node n, Feedback f) {
        Op op = n.op();
        int ports = vm.portCount(n.id());
        List<String> types = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            types.add(portType(op));
        }
        String cost = f.shapes().containsKey(n.id())
                ? Costs.human(f.params().getOrDefault(n.id(), 0L)) + " params · "
                + Costs.human(f.flops().getOrDefault(n.id(), 0L)) + " FLOPs"
                : "shape unknown";
        List<Problem> problems = f.problemsOf(n.id());
        String problemText = problems.isEmpty() ? null : String.join("\n", problems.stream()
                .map(p -> (p.field() == null || p.field().isEmpty() ? "" : p.field() + ": ") + p.message()).toList());
        Feedback.RegionStatus region = f.regions().get(n.id());
        skin.update(n.id(), OpLabels.summary(op), cost, OpLabels.category(op), ports, types, problemText,
                region == null ? null : region.fusable(), region == null ? "" : region.reason(),
                !(op instanceof Op.Output));
    }

    private void updateGroup(NodeSkin skin, BlockGroup g, Feedback f) {
        long params = 0;
        long flops = 0;
        List<String> problems = new ArrayList<>();
        for (String m : g.members()) {
            params += f.params().getOrDefault(m, 0L);
            flops += f.flops().getOrDefault(m, 0L);
            for (Problem p : f.problemsOf(m)) {
                problems.add(m + ": " + p.message());
            }
        }
        int ins = groupInputs(g).size();
        skin.update(g.name(), "block · " + g.members().size() + " nodes", Costs.human(params) + " params · "
                + Costs.human(flops) + " FLOPs", "group", ins, List.of(), problems.isEmpty() ? null
                : String.join("\n", problems), null, "", true);
    }

    private List<Edge> groupInputs(BlockGroup g) {
        Set<String> m = Set.copyOf(g.members());
        return vm.graph().edges().stream().filter(e -> m.contains(e.to()) && !m.contains(e.from())).toList();
    }

    private static String portType(Op op) {
        if (op instanceof Op.Linear) {
            return "flat";
        }
        if (op instanceof Op.Output || op instanceof Op.Relu || op instanceof Op.Identity) {
            return "any";
        }
        return "spatial";
    }

    private static String shortShape(TensorShape s) {
        return s.flat() ? Integer.toString(s.channels()) : s.channels() + "×" + s.height() + "×" + s.width();
    }

    private Pos posOf(String visibleId) {
        Pos d = dragging.get(visibleId);
        if (d != null) {
            return d;
        }
        Pose pose = poses.get(visibleId);
        if (pose != null) {
            return pose.at();
        }
        BlockGroup g = vm.state().groups().get(visibleId);
        return g != null ? g.pos() : vm.state().pos(visibleId);
    }

    private void layoutWires() {
        for (Map.Entry<Edge, CubicCurve> w : wires.entrySet()) {
            placeWire(w.getKey(), w.getValue(), wireLabels.get(w.getKey()));
        }
    }

    private void placeWire(Edge e, CubicCurve c, Label l) {
        double[] p = wireEnds(e);
        curve(c, p[0], p[1], p[2], p[3]);
        if (l != null && p[2] < p[0]) {
            // a wire back into the next band of a folded layout: labelled on its line near where it arrives
            l.relocate(p[2] + (p[0] - p[2]) * 0.3, p[3] + (p[1] - p[3]) * 0.3 - 18);
        } else if (l != null) {
            l.relocate((p[0] + p[2]) / 2 - 24, (p[1] + p[3]) / 2 - 16);
        }
    }

    /** Start x, y and end x, y of a shown wire, in design coordinates. */
    private double[] wireEnds(Edge e) {
        String a = vm.visibleId(e.from());
        String b = vm.visibleId(e.to());
        Pos pa = posOf(a);
        Pos pb = posOf(b);
        int port = e.port();
        int count;
        BlockGroup g = vm.state().groups().get(b);
        if (g != null) {
            List<Edge> ins = groupInputs(g);
            port = Math.max(0, ins.indexOf(e));
            count = ins.size();
        } else {
            count = vm.portCount(b);
        }
        double[] ends = {pa.x() + NodeSkin.WIDTH, pa.y() + NodeSkin.HEIGHT / 2, pb.x(),
            pb.y() + NodeSkin.inputY(port, Math.max(count, port + 1))};
        // a posed box may be scaled: its wires end on its drawn ports, not where an unscaled box has them
        NodeSkin sa = poses.containsKey(a) ? skins.get(a) : null;
        if (sa != null) {
            Point2D o = sa.outputAt();
            ends[0] = o.getX();
            ends[1] = o.getY();
        }
        NodeSkin sb = poses.containsKey(b) ? skins.get(b) : null;
        Optional<Point2D> in = sb == null ? Optional.empty() : sb.inputAt(port);
        if (in.isPresent()) {
            ends[2] = in.get().getX();
            ends[3] = in.get().getY();
        }
        return ends;
    }

    private static void curve(CubicCurve c, double sx, double sy, double ex, double ey) {
        // a wire that runs back left (into the next band of a folded layout) gets a short bend, or it would
        // loop out past both ends of the band
        double bend = ex < sx ? 50 : Math.max(40, Math.abs(ex - sx) / 2);
        c.setStartX(sx);
        c.setStartY(sy);
        c.setControlX1(sx + bend);
        c.setControlY1(sy);
        c.setControlX2(ex - bend);
        c.setControlY2(ey);
        c.setEndX(ex);
        c.setEndY(ey);
    }

    private void styleSelection() {
        Set<String> sel = vm.selection();
        for (Map.Entry<String, NodeSkin> e : skins.entrySet()) {
            e.getValue().setSelected(sel.contains(e.getKey()));
        }
    }

    // ---------------------------------------------------------------- view transform

    public double zoom() {
        return scale.getX();
    }

    /** Scales by {@code factor} keeping the canvas point (x, y) still. */
    public void zoomAt(double x, double y, double factor) {
        double s = scale.getX();
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s * factor));
        double k = next / s;
        translate.setX(x - (x - translate.getX()) * k);
        translate.setY(y - (y - translate.getY()) * k);
        scale.setX(next);
        scale.setY(next);
        cull();
    }

    /** Shows the whole design, centred, at most at 100 %. */
    public void fit() {
        if (shown.isEmpty()) {
            return;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (String id : shown) { // from the model's positions, not from laid-out boxes
            Pos p = posOf(id);
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x() + NodeSkin.WIDTH);
            y1 = Math.max(y1, p.y() + NodeSkin.HEIGHT);
        }
        double w = getWidth() > 0 ? getWidth() : getPrefWidth();
        double h = getHeight() > 0 ? getHeight() : getPrefHeight();
        double margin = 40;
        double s = Math.min(1, Math.min((w - 2 * margin) / (x1 - x0), (h - 2 * margin) / (y1 - y0)));
        s = Math.max(MIN_ZOOM, s);
        scale.setX(s);
        scale.setY(s);
        translate.setX((w - (x1 - x0) * s) / 2 - x0 * s);
        translate.setY((h - (y1 - y0) * s) / 2 - y0 * s);
        cull();
    }

    /** Pans so node {@code id} (or the sub-block showing it) is in the middle. */
    public void centreOn(String id) {
        String v = vm.visibleId(id);
        if (!shown.contains(v)) {
            return;
        }
        Pos p = posOf(v);
        double s = scale.getX();
        translate.setX(getWidth() / 2 - (p.x() + NodeSkin.WIDTH / 2) * s);
        translate.setY(getHeight() / 2 - (p.y() + NodeSkin.HEIGHT / 2) * s);
        cull();
    }

    // ---------------------------------------------------------------- animation poses

    /**
     * Where an animation draws an element: its box's top-left in design coordinates and a scale about
     * the box's centre.
     */
    public record Pose(Pos at, double scale) {
    }

    /**
     * Draws each element of {@code poses} as posed instead of at its model position, and lays every wire
     * out again so wires stay attached to the moving boxes (an animation frame). The model is not edited;
     * {@link #clearPoses()} puts the boxes back.
     */
    public void pose(Map<String, Pose> poses) {
        for (Map.Entry<String, Pose> e : poses.entrySet()) {
            if (!shown.contains(e.getKey())) {
                continue;
            }
            this.poses.put(e.getKey(), e.getValue());
            skinOf(e.getKey()).ifPresent(s -> {
                s.relocate(e.getValue().at().x(), e.getValue().at().y());
                s.setScaleX(e.getValue().scale());
                s.setScaleY(e.getValue().scale());
            });
        }
        cull();
        layoutWires();
    }

    /** Draws every posed element at its model position again, unscaled, with its wires. */
    public void clearPoses() {
        for (String id : List.copyOf(poses.keySet())) {
            poses.remove(id);
            NodeSkin s = skins.get(id);
            if (s != null) {
                Pos p = posOf(id);
                s.relocate(p.x(), p.y());
                s.setScaleX(1);
                s.setScaleY(1);
            }
        }
        layoutWires();
    }

    /** Canvas point to design coordinates. */
    public Point2D toWorld(double x, double y) {
        double s = scale.getX();
        return new Point2D((x - translate.getX()) / s, (y - translate.getY()) / s);
    }

    /** The skin of a shown element (made now if it is out of view and had none yet). */
    public Optional<NodeSkin> skinOf(String id) {
        if (!skins.containsKey(id) && shown.contains(id)) {
            nodeLayer.getChildren().add(makeSkin(id, vm.feedback()));
        }
        return Optional.ofNullable(skins.get(id));
    }

    /** How many wires the design shows (drawn or, out of view, not yet). */
    public int wireCount() {
        return shownEdges.size();
    }

    /**
     * The shape label of a shown wire (made now if it is out of view, or zoomed out below
     * {@link #LABEL_MIN_ZOOM} where labels are not shown, and had none yet).
     */
    public Optional<Label> wireLabel(Edge e) {
        if (!shownEdges.contains(e)) {
            return Optional.empty();
        }
        if (!wires.containsKey(e)) {
            List<CubicCurve> curves = new ArrayList<>();
            makeWire(e, curves);
            wireLayer.getChildren().addAll(curves);
        }
        if (!wireLabels.containsKey(e)) {
            labelLayer.getChildren().add(makeLabel(e, vm.feedback()));
        }
        return Optional.ofNullable(wireLabels.get(e));
    }

    /** How many elements have a skin now (those in or near the view); for tests and benchmarks. */
    public int skinnedCount() {
        return skins.size();
    }

    // ---------------------------------------------------------------- inserting

    /** Inserts a palette item with its box centred at scene point ({@code sceneX}, {@code sceneY}). */
    public String insertAtScene(PaletteItem item, double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        Point2D w = toWorld(local.getX(), local.getY());
        return vm.addNode(item.factory().get(), new Pos(w.getX() - NodeSkin.WIDTH / 2, w.getY() - NodeSkin.HEIGHT / 2));
    }

    /** Opens the search-and-insert box at canvas point (x, y). */
    public void showQuickInsert(double x, double y) {
        Point2D w = toWorld(x, y);
        quickAt = new Pos(w.getX() - NodeSkin.WIDTH / 2, w.getY() - NodeSkin.HEIGHT / 2);
        quickSearch.clear();
        quickList.getItems().setAll(PaletteItem.all());
        quickList.getSelectionModel().selectFirst();
        quickInsert.setVisible(true);
        // unmanaged: no parent sizes it, so it takes its preferred size here or it shows as an empty sliver
        quickInsert.applyCss();
        quickInsert.autosize();
        quickInsert.relocate(Math.max(0, Math.min(x, getWidth() - quickInsert.getWidth())),
                Math.max(0, Math.min(y, getHeight() - quickInsert.getHeight())));
        quickInsert.toFront();
        quickSearch.requestFocus();
    }

    private void buildQuickInsert() {
        quickInsert.setId("quick-insert");
        quickInsert.getStyleClass().add("rs-quick-insert");
        quickInsert.setManaged(false);
        quickInsert.setVisible(false);
        quickSearch.setId("quick-search");
        quickSearch.setPromptText("Insert op…");
        quickList.setId("quick-list");
        quickList.setPrefSize(200, 200);
        quickList.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PaletteItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        });
        quickSearch.textProperty().addListener((o, a, b) -> {
            quickList.getItems().setAll(PaletteItem.search(b));
            quickList.getSelectionModel().selectFirst();
        });
        quickSearch.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commitQuickInsert();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                quickInsert.setVisible(false);
            } else if (e.getCode() == KeyCode.DOWN) {
                quickList.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                quickList.getSelectionModel().selectPrevious();
                e.consume();
            }
        });
        quickList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                commitQuickInsert();
            }
        });
        quickInsert.getChildren().addAll(quickSearch, quickList);
        quickInsert.addEventHandler(MouseEvent.ANY, MouseEvent::consume);
        quickInsert.addEventHandler(ScrollEvent.ANY, ScrollEvent::consume);
    }

    private void commitQuickInsert() {
        PaletteItem item = quickList.getSelectionModel().getSelectedItem();
        quickInsert.setVisible(false);
        if (item != null) {
            vm.addNode(item.factory().get(), quickAt);
        }
        requestFocus();
    }

    // ---------------------------------------------------------------- mouse

    private NodeSkin skinAt(javafx.scene.Node target) {
        for (javafx.scene.Node n = target; n != null && n != this; n = n.getParent()) {
            if (n instanceof NodeSkin s) {
                return s;
            }
        }
        return null;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        finder.setVisible(false);
        keepFitted = false;
        if (quickInsert.isVisible()) {
            quickInsert.setVisible(false);
        }
        pressScene = new Point2D(e.getSceneX(), e.getSceneY());
        Point2D local = sceneToLocal(pressScene);
        pressWorld = toWorld(local.getX(), local.getY());
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
            panning = true;
            panX = translate.getX() - e.getX();
            panY = translate.getY() - e.getY();
            return;
        }
        javafx.scene.Node target = e.getPickResult().getIntersectedNode();
        if (target != null && target.getUserData() instanceof NodeSkin.PortRef ref && ref.port() < 0) {
            connectFrom = ref.node();
            curve(pending, 0, 0, 0, 0);
            updatePending(pressWorld);
            pending.setVisible(true);
            return;
        }
        NodeSkin skin = skinAt(target);
        if (skin != null) {
            String id = skin.nodeId();
            if (e.isShiftDown()) {
                vm.toggleSelection(id);
            } else if (!vm.selection().contains(id)) {
                vm.select(List.of(id));
            }
            if (e.getClickCount() == 2 && vm.state().groups().containsKey(id)) {
                onOpenBlock.accept(id);
            }
            dragging.clear();
            for (String s : vm.selection()) {
                if (shown.contains(s)) {
                    dragging.put(s, posOf(s));
                }
            }
            return;
        }
        if (e.getClickCount() == 2) {
            showQuickInsert(local.getX(), local.getY());
            return;
        }
        if (!e.isShiftDown()) {
            vm.clearSelection();
        }
        band.setVisible(true);
        band.setX(local.getX());
        band.setY(local.getY());
        band.setWidth(0);
        band.setHeight(0);
    }

    private void dragged(MouseEvent e) {
        Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
        if (panning) {
            translate.setX(panX + e.getX());
            translate.setY(panY + e.getY());
            cull();
            return;
        }
        if (connectFrom != null) {
            updatePending(toWorld(local.getX(), local.getY()));
            return;
        }
        if (!dragging.isEmpty()) {
            Point2D w = toWorld(local.getX(), local.getY());
            double dx = w.getX() - pressWorld.getX();
            double dy = w.getY() - pressWorld.getY();
            for (String id : List.copyOf(dragging.keySet())) {
                Pos p = vm.state().groups().containsKey(id) ? vm.state().groups().get(id).pos() : vm.state().pos(id);
                Pos moved = p.plus(dx, dy);
                dragging.put(id, moved);
                NodeSkin skin = skins.get(id);
                if (skin != null) {
                    skin.relocate(moved.x(), moved.y());
                }
            }
            cull();
            layoutWires();
            return;
        }
        if (band.isVisible()) {
            Point2D start = sceneToLocal(pressScene);
            band.setX(Math.min(start.getX(), local.getX()));
            band.setY(Math.min(start.getY(), local.getY()));
            band.setWidth(Math.abs(local.getX() - start.getX()));
            band.setHeight(Math.abs(local.getY() - start.getY()));
        }
    }

    private void released(MouseEvent e) {
        Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
        if (panning) {
            panning = false;
            return;
        }
        if (connectFrom != null) {
            pending.setVisible(false);
            String from = connectFrom;
            NodeSkin.PortRef to = connectTarget;
            connectFrom = null;
            connectTarget = null;
            if (to != null) {
                Optional<ConnectionRefusal> why = vm.connect(from, to.node(), to.port());
                if (why.isPresent()) {
                    showRefusal(why.get().text(), local);
                } else {
                    refusal.setVisible(false);
                }
            } else {
                refusal.setVisible(false);
            }
            return;
        }
        if (!dragging.isEmpty()) {
            Point2D w = toWorld(local.getX(), local.getY());
            double dx = w.getX() - pressWorld.getX();
            double dy = w.getY() - pressWorld.getY();
            Set<String> ids = new LinkedHashSet<>(dragging.keySet());
            dragging.clear();
            if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) {
                vm.move(ids, dx, dy);
            } else {
                render();
            }
            return;
        }
        if (band.isVisible()) {
            band.setVisible(false);
            Point2D a = toWorld(band.getX(), band.getY());
            Point2D b = toWorld(band.getX() + band.getWidth(), band.getY() + band.getHeight());
            Set<String> picked = new LinkedHashSet<>(e.isShiftDown() ? vm.selection() : Set.of());
            for (String id : shown) {
                Pos p = posOf(id);
                if (p.x() < b.getX() && p.x() + NodeSkin.WIDTH > a.getX() && p.y() < b.getY()
                        && p.y() + NodeSkin.HEIGHT > a.getY()) {
                    picked.add(id);
                }
            }
            if (band.getWidth() > 2 || band.getHeight() > 2) {
                vm.select(picked);
            }
        }
    }

    private void updatePending(Point2D w) {
        Pos from = posOf(vm.visibleId(connectFrom));
        double sx = from.x() + NodeSkin.WIDTH;
        double sy = from.y() + NodeSkin.HEIGHT / 2;
        connectTarget = targetAt(w);
        curve(pending, sx, sy, w.getX(), w.getY());
        Optional<ConnectionRefusal> why = connectTarget == null ? Optional.empty()
                : vm.checkConnect(connectFrom, connectTarget.node(), connectTarget.port());
        pending.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), why.isPresent());
        pending.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("ok"),
                connectTarget != null && why.isEmpty());
        if (why.isPresent()) {
            Point2D local = new Point2D(w.getX() * scale.getX() + translate.getX(), w.getY() * scale.getY() + translate.getY());
            showRefusal(why.get().text(), local);
            hideRefusal.stop();
        } else {
            refusal.setVisible(false);
        }
    }

    /** The input port (or, failing that, the node box: next free input) under design point {@code w}. */
    private NodeSkin.PortRef targetAt(Point2D w) {
        for (String id : shown) {
            if (vm.state().groups().containsKey(id)) {
                continue;
            }
            Pos p = posOf(id);
            int count = vm.portCount(id);
            for (int i = 0; i < count; i++) {
                double py = p.y() + NodeSkin.inputY(i, count);
                if (Math.hypot(w.getX() - p.x(), w.getY() - py) <= 12) {
                    return new NodeSkin.PortRef(id, i);
                }
            }
            if (w.getX() >= p.x() && w.getX() <= p.x() + NodeSkin.WIDTH && w.getY() >= p.y()
                    && w.getY() <= p.y() + NodeSkin.HEIGHT) {
                return new NodeSkin.PortRef(id, -1);
            }
        }
        return null;
    }

    private void showRefusal(String why, Point2D local) {
        refusal.setText("✕ " + why);
        refusal.setVisible(true);
        // unmanaged like the insert box: sized to its text here, and kept inside the canvas
        refusal.setMaxWidth(Math.max(160, getWidth() * 0.6));
        refusal.setWrapText(true);
        refusal.applyCss();
        refusal.autosize();
        refusal.relocate(Math.max(0, Math.min(local.getX() + 14, getWidth() - refusal.getWidth())),
                Math.max(0, Math.min(local.getY() + 10, getHeight() - refusal.getHeight())));
        refusal.toFront();
        hideRefusal.playFromStart();
    }

    /** The text of the refusal shown on the canvas, or empty when none is visible. */
    public Optional<String> visibleRefusal() {
        return refusal.isVisible() ? Optional.of(refusal.getText()) : Optional.empty();
    }
}
