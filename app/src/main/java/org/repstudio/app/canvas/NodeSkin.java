package org.repstudio.app.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The box of one node (or of a collapsed sub-block): a coloured title, a summary, its cost, typed input
 * ports on the left, one output port on the right, an error badge (message on hover) and, on the exit of
 * a linear region, a fusable badge. CSS id {@code node-<id>}.
 */
public final class NodeSkin extends Pane {

    public static final double WIDTH = 150;
    public static final double HEIGHT = 66;
    static final double PORT_R = 5;

    private final String id;
    private final Label title = new Label();
    private final Label summary = new Label();
    private final Label cost = new Label();
    private final FontIcon error = new FontIcon(MaterialDesignA.ALERT_CIRCLE);
    private final FontIcon fusable = new FontIcon(MaterialDesignC.CHECK_DECAGRAM);
    // Tooltips are costly to create (each is a popup control): made on first hover, text kept here.
    private String errorText = "";
    private String fusableText = "";
    private String boxText = "";
    private final List<String> portTypes = new ArrayList<>();
    private Boolean fusableShown;
    private boolean errorShown;
    private final List<Circle> inputs = new ArrayList<>();
    private final Circle output = new Circle(PORT_R);
    private final VBox body;
    private String category = "";

    NodeSkin(String id) {
        this.id = id;
        setId("node-" + id);
        getStyleClass().add("rs-node");
        title.getStyleClass().add("rs-node-title");
        title.setMaxWidth(Double.MAX_VALUE);
        summary.getStyleClass().add("rs-node-summary");
        cost.getStyleClass().add("rs-node-cost");
        error.getStyleClass().add("rs-badge-error");
        error.setId("badge-error-" + id);
        fusable.getStyleClass().add("rs-badge-fusable");
        fusable.setId("badge-fusable-" + id);
        error.setVisible(false);
        error.setManaged(false);
        fusable.setVisible(false);
        fusable.setManaged(false);
        lazyTip(error, () -> errorText);
        lazyTip(fusable, () -> fusableText);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox head = new HBox(2, title, fusable, error);
        head.getStyleClass().add("rs-node-head");
        body = new VBox(head, summary, cost);
        body.getStyleClass().add("rs-node-body");
        body.resizeRelocate(0, 0, WIDTH, HEIGHT);
        body.setPrefSize(WIDTH, HEIGHT);
        body.setMinSize(WIDTH, HEIGHT);
        body.setMaxSize(WIDTH, HEIGHT);
        output.getStyleClass().addAll("rs-port", "rs-port-out");
        output.setCenterX(WIDTH);
        output.setCenterY(HEIGHT / 2);
        output.setId("port-out-" + id);
        output.setUserData(new PortRef(id, -1));
        getChildren().addAll(body, output);
        setPrefSize(WIDTH, HEIGHT);
        lazyTip(body, () -> boxText);
        setUserData(id);
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

    /** Where a port is, relative to the box. */
    static double inputY(int port, int count) {
        return HEIGHT * (port + 1.0) / (count + 1.0);
    }

    void update(String titleText, String summaryText, String costText, String cat, int portCount,
                List<String> portTypes, String problems, Boolean fuses, String fuseReason, boolean hasOutput) {
        title.setText(titleText);
        summary.setText(summaryText);
        cost.setText(costText);
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
        if (output.isVisible() != hasOutput) {
    
        }
        boolean err = problems != null;
        errorText = err ? problems : "";
        if (err != errorShown) {
            errorShown = err;
            error.setVisible(err);
            error.setManaged(err);
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), err);
        }
        if (!java.util.Objects.equals(fuses, fusableShown)) {
            fusableShown = fuses;
            fusable.setVisible(fuses != null);
            fusable.setManaged(fuses != null);
            if (fuses != null) {
                fusable.setIconCode(fuses ? MaterialDesignC.CHECK_DECAGRAM : MaterialDesignC.CLOSE_OCTAGON);
                fusable.getStyleClass().removeAll("rs-fusable-yes", "rs-fusable-no");
                fusable.getStyleClass().add(fuses ? "rs-fusable-yes" : "rs-fusable-no");
            }
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
        return fusable.isVisible() ? fusable.getStyleClass().contains("rs-fusable-yes") : null;
    }

    public String fusableText() {
        return fusableText;
    }

    public String summaryText() {
        return summary.getText();
    }

    /** A port of a node: {@code port} -1 is the output. */
    public record PortRef(String node, int port) {
    }
}
