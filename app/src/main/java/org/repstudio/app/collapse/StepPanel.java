package org.repstudio.app.collapse;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.Refusal;

/**
 * The side panel of the Collapse player: the step's rule, its formula, the kernels before (each node
 * read) and after as heat maps with the bias vectors, and the error the step measured; under it, each
 * refused region with its reason, a map of where the naive fusion would differ and the one-click fix.
 */
public final class StepPanel extends ScrollPane {

    /** Channel pairs drawn per kernel, per side. */
    public static final int MAX_PAIRS = 8;
    private static final double WIDTH = 330;

    private final VBox content = new VBox(8);
    private final Label hover = new Label(" ");

    public StepPanel() {
        setId("collapse-panel");
        getStyleClass().add("rs-collapse-panel");
        content.getStyleClass().add("rs-collapse-panel-content");
        content.setPadding(new Insets(10));
        content.setPrefWidth(WIDTH);
        hover.setId("collapse-hover");
        hover.getStyleClass().add("rs-collapse-hover");
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(WIDTH + 16);
        setMinWidth(260);
    }

    /** What the panel shows: a step (or none), whether it is the next one or the last applied, refusals. */
    public void show(Optional<FusionStep> step, boolean upcoming, java.util.List<Refusal> refusals,
                     java.util.function.Function<Refusal, Optional<BorderDiff>> diffs, Consumer<Refusal> fix) {
        content.getChildren().clear();
        content.getChildren().add(hover);
        if (step.isPresent()) {
            showStep(step.get(), upcoming);
        } else if (refusals.isEmpty()) {
            content.getChildren().add(muted("Nothing to collapse: no linear region of two or more nodes."));
        }
        for (Refusal r : refusals) {
            showRefusal(r, diffs.apply(r), fix);
        }
    }

    private void showStep(FusionStep s, boolean upcoming) {
        Label kicker = new Label((upcoming ? "Next: step " : "Step ") + s.index() + " · region '" + s.region() + "'");
        kicker.getStyleClass().add("rs-collapse-kicker");
        Label rule = new Label(s.rule().displayName());
        rule.setId("collapse-rule");
        rule.getStyleClass().add("rs-collapse-rule");
        Label formula = new Label(s.rule().formula());
        formula.setId("collapse-formula");
        formula.getStyleClass().add("rs-collapse-formula");
        formula.setWrapText(true);
        String detail = s.formula().startsWith(s.rule().formula()) ? s.formula().substring(s.rule().formula().length())
                .trim() : s.formula();
        Label what = new Label(String.join(" + ", s.nodesIn()) + "  →  " + s.nodeOut()
                + (detail.isEmpty() ? "" : "\n" + detail.replaceAll("^\\[|\\]$", "")));
        what.getStyleClass().add("rs-collapse-what");
        what.setWrapText(true);
        Label error = new Label(Double.isNaN(s.maxAbsError()) ? "error not measured"
                : String.format("measured error (float64): max abs %.2e · max rel %.2e", s.maxAbsError(),
                s.maxRelError()));
        error.setId("collapse-error");
        error.setWrapText(true);
        error.getStyleClass().add("rs-collapse-error");
        // the result first, so it is in view without scrolling; then what it was made of
        content.getChildren().addAll(kicker, rule, formula, what, error, heading("After: " + s.nodeOut()),
                tensors(s.nodeOut(), s.tensorsAfter(), MAX_PAIRS),
                heading("Before: " + s.tensorsBefore().size() + " node" + (s.tensorsBefore().size() == 1 ? "" : "s")));
        int pairs = s.tensorsBefore().size() > 2 ? MAX_PAIRS / 2 : MAX_PAIRS;
        for (Map.Entry<String, Map<String, Tensor>> e : s.tensorsBefore().entrySet()) {
            content.getChildren().add(tensors(e.getKey(), e.getValue(), pairs));
        }
    }

    /** The heat maps of one node's parameters: its kernel as tiles, vectors as a row each. */
    private VBox tensors(String node, Map<String, Tensor> params, int pairs) {
        VBox box = new VBox(4);
        box.getStyleClass().add("rs-collapse-node");
        Label name = new Label(node);
        name.getStyleClass().add("rs-collapse-node-name");
        box.getChildren().add(name);
        if (params.isEmpty()) {
            box.getChildren().add(muted("no parameters"));
        }
        Consumer<String> onHover = t -> hover.setText(t.isEmpty() ? " " : t);
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            Tensor t = p.getValue();
            if (t.rank() != 4 && t.rank() != 1) {
                continue;
            }
            KernelTiles tiles = KernelTiles.of(t, pairs, t.rank() == 1 ? 4 * MAX_PAIRS : pairs);
            String shape = java.util.Arrays.toString(t.shape()).replace(" ", "");
            Label label = new Label(p.getKey() + " " + shape + (tiles.capped() ? " · " + tiles.capNote() : ""));
            label.getStyleClass().add("rs-collapse-tensor");
            label.setWrapText(true);
            double cell = t.rank() == 1 ? 9 : 8;
            box.getChildren().addAll(label, HeatMap.of(tiles, node + "." + p.getKey(), WIDTH - 20, cell, onHover));
        }
        return box;
    }

    private void showRefusal(Refusal r, Optional<BorderDiff> diff, Consumer<Refusal> fix) {
        FontIcon icon = new FontIcon(MaterialDesignA.ALERT_OCTAGON);
        icon.getStyleClass().add("rs-collapse-refused-icon");
        Label title = new Label("Refused: region '" + r.region() + "'", icon);
        title.getStyleClass().add("rs-collapse-refused-title");
        Label reason = new Label(r.reason());
        reason.setId("collapse-refusal-reason");
        reason.getStyleClass().add("rs-collapse-reason");
        reason.setWrapText(true);
        VBox box = new VBox(6, title, reason);
        box.getStyleClass().add("rs-collapse-refusal");
        if (diff.isPresent()) {
            BorderDiff d = diff.get();
            Label cap = new Label(String.format("|design − naive fused conv| at '%s', max over channels (float64):"
                    + " border %.3g, interior %.2g", r.region(), d.border(), d.interior()));
            cap.setWrapText(true);
            cap.getStyleClass().add("rs-collapse-tensor");
            double cell = Math.max(3, Math.min(8, (WIDTH - 30) / d.map()[0].length));
            HeatMap map = HeatMap.ofMap(d.map(), cell, "difference",
                    t -> hover.setText(t.isEmpty() ? " " : t));
            map.setId("collapse-border-map");
            Button use = new Button("Use bias padding", new FontIcon(MaterialDesignW.WRENCH));
            use.setId("collapse-fix");
            use.getStyleClass().add("rs-collapse-fix");
            use.setOnAction(e -> fix.accept(r));
            box.getChildren().addAll(cap, map, use);
        }
        content.getChildren().add(box);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("rs-collapse-heading");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("rs-collapse-muted");
        l.setWrapText(true);
        return l;
    }

    /** Used by tests and frames: the panel's content. */
    public VBox content() {
        return content;
    }

}
