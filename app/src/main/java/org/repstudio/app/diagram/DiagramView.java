package org.repstudio.app.diagram;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;

/**
 * Draws a {@link DiagramLayout}: wires under node boxes. Everything is styled from the theme through
 * style classes ({@code rs-node}, {@code rs-op-<category>}, {@code rs-wire}, {@code rs-port}); boxes get
 * the CSS id {@code node-<id>}.
 */
public final class DiagramView extends Pane {

    private static final double PORT_RADIUS = 3.5;

    public DiagramView() {
        setId("diagram");
        getStyleClass().add("rs-diagram");
    }

    /** Replaces what is drawn with {@code layout}. */
    public void show(DiagramLayout layout) {
        getChildren().clear();
        for (DiagramLayout.Wire w : layout.wires()) {
            CubicCurve curve = new CubicCurve(w.startX(), w.startY(), w.control1X(), w.control1Y(),
                    w.control2X(), w.control2Y(), w.endX(), w.endY());
            curve.getStyleClass().add("rs-wire");
            curve.setId("wire-" + w.from() + "-" + w.to() + "-" + w.port());
            getChildren().add(curve);
        }
        for (DiagramLayout.Wire w : layout.wires()) {
            getChildren().addAll(port(w.startX(), w.startY()), port(w.endX(), w.endY()));
        }
        for (DiagramLayout.Box b : layout.boxes()) {
            getChildren().add(box(b));
        }
        setPrefSize(layout.width(), layout.height());
        setMinSize(layout.width(), layout.height());
        setMaxSize(layout.width(), layout.height());
    }

    private static VBox box(DiagramLayout.Box b) {
        Label title = new Label(b.id());
        title.getStyleClass().add("rs-node-title");
        title.setMaxWidth(Double.MAX_VALUE);
        Label summary = new Label(b.summary());
        summary.getStyleClass().add("rs-node-summary");
        summary.setMaxWidth(Double.MAX_VALUE);

        VBox box = new VBox(title, summary);
        box.setId("node-" + b.id());
        box.getStyleClass().addAll("rs-node", "rs-op-" + b.category());
        box.setPrefSize(b.width(), b.height());
        box.setMinSize(b.width(), b.height());
        box.setMaxSize(b.width(), b.height());
        box.relocate(b.x(), b.y());
        Tooltip.install(box, new Tooltip(b.id() + "\n" + b.summary()));
        return box;
    }

    private static Circle port(double x, double y) {
        Circle c = new Circle(x, y, PORT_RADIUS);
        c.getStyleClass().add("rs-port");
        return c;
    }
}
