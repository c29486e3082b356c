package org.repstudio.app.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The box of one node (or of a collapsed sub-block): a coloured title, a summary, its cost, typed input
 * ports on the left, one output port on the right, an error badge (message on hover) and, on the exit of
 * a linear region, a fusable badge. CSS id {@code node-<id>}.
 *
 * <p>Built to be cheap, as a large design shows hundreds: a box and a title bar ({@link Region}s styled
 * {@code rs-node-body} and {@code rs-node-head}), three plain {@link Text}s placed by hand (cut with an
 * ellipsis when too long), the ports, and the badges made only when first shown. No controls, no nested
 * layout panes.
 */
public final class NodeSkin extends Pane {

    public static final double WIDTH = org.repstudio.app.editor.DesignStates.BOX_WIDTH;
    public static final double HEIGHT = org.repstudio.app.editor.DesignStates.BOX_HEIGHT;
    static final double PORT_R = 5;
    private static final double PAD_X = 8;
    private static final double HEAD_PAD_RIGHT = 4;
    private static final double BADGE_GAP = 2;

    private final String id;
    private final Region body = new Region();
    private final Region head = new Region();
    private final Text title = text("rs-node-title");
    private final Text summary = text("rs-node-summary");
    private final Text cost = text("rs-node-cost");
    private String titleFull = "";
    private String summaryFull = "";
    private String costFull = "";
    private FontIcon error; // made when first shown
    private FontIcon fusable; // made when first shown
    // Tooltips are costly to create (each is a popup control): made on first hover, text kept here.
    private String errorText = "";
    private String fusableText = "";
    private String boxText = "";
    private final List<String> portTypes = new ArrayList<>();
    private Boolean fusableShown;
    private boolean errorShown;
    private final List<Circle> inputs = new ArrayList<>();
    private final Circle output = new Circle(PORT_R);
    private String category = "";

    NodeSkin(String id) {
        this.id = id;
        setId("node-" + id);
        getStyleClass().add("rs-node");
        body.getStyleClass().add("rs-node-body");
        body.setManaged(false);
        body.resizeRelocate(0, 0, WIDTH, HEIGHT);
        head.getStyleClass().add("rs-node-head");
        head.setManaged(false);
        head.setMouseTransparent(true); // hover and clicks belong to the box under it
        output.getStyleClass().addAll("rs-port", "rs-port-out");
        output.setCenterX(WIDTH);
        output.setCenterY(HEIGHT / 2);
        output.setId("port-out-" + id);
        output.setUserData(new PortRef(id, -1));
        javafx.beans.InvalidationListener restyled = o -> requestLayout(); // a new font: cut again
        title.fontProperty().addListener(restyled);
        summary.fontProperty().addListener(restyled);
        cost.fontProperty().addListener(restyled);
        getChildren().addAll(body, head, title, summary, cost, output);
        setPrefSize(WIDTH, HEIGHT);
        lazyTip(body, () -> boxText);
        setUserData(id);
    }

    private static Text text(String styleClass) {
        Text t = new Text();
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.TOP);
        t.setMouseTransparent(true);
        t.setManaged(false); // placed by layoutChildren, never resizes the box
        return t;
    }

    private FontIcon badge(FontIcon icon, org.kordamp.ikonli.Ikon code, String styleClass, String badgeId,
                           java.util.function.Supplier<String> tip) {
        if (icon != null) {
            return icon;
        }
        FontIcon b = new FontIcon(code);
        b.getStyleClass().add(styleClass);
        b.setId(badgeId);
        b.setManaged(false);
        lazyTip(b, tip);
        getChildren().add(getChildren().indexOf(cost) + 1, b);
        return b;
    }

    /** Places the title bar, the texts and the badges; the box itself has a fixed size. */
    @Override
    protected void layoutChildren() {
        double right = WIDTH - HEAD_PAD_RIGHT;
        double headH = Math.ceil(title.getLayoutBounds().getHeight()) + 6; // as a Label would size it
        for (FontIcon b : new FontIcon[] {error, fusable}) {
            if (b != null && b.isVisible()) {
                headH = Math.max(headH, b.getLayoutBounds().getHeight());
            }
        }
        for (FontIcon b : new FontIcon[] {error, fusable}) {
            if (b != null && b.isVisible()) {
                double w = b.getLayoutBounds().getWidth();
                right -= w;
                b.relocate(right, (headH - b.getLayoutBounds().getHeight()) / 2);
                right -= BADGE_GAP;
            }
        }
        head.resizeRelocate(0, 0, WIDTH, headH);
        fitText(title, titleFull, right - 2 * PAD_X, true);
        title.relocate(PAD_X, (headH - title.getLayoutBounds().getHeight()) / 2);
        fitText(summary, summaryFull, WIDTH - 2 * PAD_X, false);
        summary.relocate(PAD_X, headH + 3);
        fitText(cost, costFull, WIDTH - 2 * PAD_X, false);
        cost.relocate(PAD_X, headH + 3 + Math.ceil(summary.getLayoutBounds().getHeight()) + 1);
    }

    /** Shows {@code full} in {@code t}, cut with an ellipsis (in the middle or at the end) to {@code width}. */
    private static void fitText(Text t, String full, double width, boolean middle) {
        if (!full.equals(t.getText())) {
            t.setText(full);
        }
        if (t.getLayoutBounds().getWidth() <= width || full.length() < 2) {
            return;
        }
        int lo = 0;
        int hi = full.length() - 1;
        while (lo < hi) { // the most characters kept that still fit
            int keep = (lo + hi + 1) / 2;
            t.setText(cut(full, keep, middle));
            if (t.getLayoutBounds().getWidth() <= width) {
                lo = keep;
            } else {
                hi = keep - 1;
            }
        }
        t.setText(cut(full, lo, middle));
    }

    private static String cut(String full, int keep, boolean middle) {
        if (!middle) {
            return full.substring(0, keep) + "…";
        }
        int front = (keep + 1) / 2;
        return full.substring(0, front) + "…" + full.substring(full.length() - (keep - front));
    }

    private static void lazyTip(javafx.scene.Node n, java.util.function.Supplier<String> text) {
        n.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            Tooltip t = (Tooltip) n.getProperties().get("rs-tip");
            if (t == null) {
                t = new Tooltip();
                t.setShowDelay(javafx.util.Duration.millis(300));
                n.getProperties().put("rs-tip", t);
                Tooltip.install(n, t);
            }
            t.setText(text.get());
        });
    }

    public String nodeId() {
        return id;
    }

    /** The centre of the output port in the parent's coordinates, as drawn (moved and scaled). */
    Point2D outputAt() {
        return localToParent(output.getCenterX(), output.getCenterY());
    }

    /** The centre of input {@code port} in the parent's coordinates, as drawn; empty if it has none. */
    Optional<Point2D> inputAt(int port) {
        if (port < 0 || port >= inputs.size()) {
            return Optional.empty();
        }
        Circle c = inputs.get(port);
        return Optional.of(localToParent(c.getCenterX(), c.getCenterY()));
    }

    /** Where a port is, relative to the box. */
    static double inputY(int port, int count) {
        return HEIGHT * (port + 1.0) / (count + 1.0);
    }

    void update(String titleText, String summaryText, String costText, String cat, int portCount,
                List<String> portTypes, String problems, Boolean fuses, String fuseReason, boolean hasOutput) {
        if (!titleText.equals(titleFull) || !summaryText.equals(summaryFull) || !costText.equals(costFull)) {
            titleFull = titleText;
            summaryFull = summaryText;
            costFull = costText;
            title.setText(titleText);
            summary.setText(summaryText);
            cost.setText(costText);
            requestLayout(); // cut to fit once styled
        }
        boxText = titleText + "\n" + summaryText + "\n" + costText;
        if (!cat.equals(category)) {
            getStyleClass().remove("rs-op-" + category);
            category = cat;
            getStyleClass().add("rs-op-" + cat);
        }
        while (inputs.size() > portCount) {
            getChildren().remove(inputs.remove(inputs.size() - 1));
            this.portTypes.remove(this.portTypes.size() - 1);
        }
        while (inputs.size() < portCount) {
            Circle c = new Circle(PORT_R);
            c.getStyleClass().addAll("rs-port", "rs-port-in");
            c.setId("port-in-" + id + "-" + inputs.size());
            c.setUserData(new PortRef(id, inputs.size()));
            int index = inputs.size();
            lazyTip(c, () -> "input " + index + " · " + this.portTypes.get(index));
            inputs.add(c);
            this.portTypes.add("");
            getChildren().add(c);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Circle c = inputs.get(i);
            c.setCenterX(0);
            c.setCenterY(inputY(i, portCount));
            String type = i < portTypes.size() ? portTypes.get(i) : "any";
            if (!type.equals(this.portTypes.get(i))) { // style changes re-run CSS: only when needed
                c.getStyleClass().removeAll("rs-port-spatial", "rs-port-flat", "rs-port-any");
                c.getStyleClass().add("rs-port-" + type);
                this.portTypes.set(i, type);
            }
        }
        boolean err = problems != null;
        errorText = err ? problems : "";
        if (err != errorShown) {
            errorShown = err;
            if (err) {
                error = badge(error, MaterialDesignA.ALERT_CIRCLE, "rs-badge-error", "badge-error-" + id,
                        () -> errorText);
            }
            if (error != null) {
                error.setVisible(err);
            }
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), err);
            requestLayout();
        }
        if (!java.util.Objects.equals(fuses, fusableShown)) {
            fusableShown = fuses;
            if (fuses != null) {
                fusable = badge(fusable, MaterialDesignC.CHECK_DECAGRAM, "rs-badge-fusable", "badge-fusable-" + id,
                        () -> fusableText);
                fusable.setIconCode(fuses ? MaterialDesignC.CHECK_DECAGRAM : MaterialDesignC.CLOSE_OCTAGON);
                fusable.getStyleClass().removeAll("rs-fusable-yes", "rs-fusable-no");
                fusable.getStyleClass().add(fuses ? "rs-fusable-yes" : "rs-fusable-no");
            }
            if (fusable != null) {
                fusable.setVisible(fuses != null);
            }
            requestLayout();
        }
        fusableText = fuses == null ? "" : (fuses ? "Fusable: " : "Not fusable: ") + fuseReason;
    }

    private boolean selected;

    void setSelected(boolean selected) {
        if (selected != this.selected) {
            this.selected = selected;
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), selected);
        }
    }

    public boolean hasError() {
        return errorShown;
    }

    public String errorText() {
        return errorText;
    }

    public Boolean fusableFlag() {
        return fusableShown;
    }

    public String fusableText() {
        return fusableText;
    }

    /** The whole summary (the box may show it cut with an ellipsis). */
    public String summaryText() {
        return summaryFull;
    }

    /** A port of a node: {@code port} -1 is the output. */
    public record PortRef(String node, int port) {
    }
}
