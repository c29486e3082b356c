package org.repstudio.app.collapse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** The value under the cursor, moved under the heat map it is read from. */
    private final Label hover = new Label(" ");

    public StepPanel() {
        setId("collapse-panel");
        getStyleClass().add("rs-collapse-panel");
        content.getStyleClass().add("rs-collapse-panel-content");
        content.setPadding(new Insets(10));
        content.setPrefWidth(WIDTH);
        hover.setId("collapse-hover");
        hover.getStyleClass().add("rs-collapse-hover");
        hover.setManaged(false);
        hover.setMouseTransparent(true);
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(WIDTH + 16);
        setMinWidth(260);
    }

    /** What the panel shows: a step (or none), whether it is the next one or the last applied, refusals. */
    public void show(Optional<FusionStep> step, boolean upcoming, java.util.List<Refusal> refusals,
                     java.util.function.Function<Refusal, Optional<BorderDiff>> diffs, Consumer<Refusal> fix) {
        content.getChildren().setAll(hover);
        hover.setText(" ");
        hover.setVisible(false);
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
        kicker.setWrapText(true);
        Label rule = new Label(s.rule().displayName());
        rule.setWrapText(true);
        rule.setId("collapse-rule");
        rule.getStyleClass().add("rs-collapse-rule");
        Label formula = new Label(formulaLines(s.rule().formula()));
        formula.setId("collapse-formula");
        formula.getStyleClass().add("rs-collapse-formula");
        formula.setWrapText(true);
        String detail = s.detail();
        Label what = new Label(String.join(" + ", s.nodesIn()) + "  →  " + s.nodeOut()
                + (detail.isEmpty() ? "" : "\n" + formulaLines(detail)));
        what.getStyleClass().add("rs-collapse-what");
        what.setWrapText(true);
        Label error = new Label(Double.isNaN(s.maxAbsError()) ? "error not measured"
                : String.format("measured error (float64): max abs %.2e · max rel %.2e", s.maxAbsError(),
                s.maxRelError()));
        error.setId("collapse-error");
        error.setWrapText(true);
        error.getStyleClass().add("rs-collapse-error");
        int pairs = s.tensorsBefore().size() > 2 ? MAX_PAIRS / 2 : MAX_PAIRS;
        List<Drawn> all = new ArrayList<>(drawn(s.nodeOut(), s.tensorsAfter(), MAX_PAIRS, true));
        for (Map.Entry<String, Map<String, Tensor>> e : s.tensorsBefore().entrySet()) {
            all.addAll(drawn(e.getKey(), e.getValue(), pairs, false));
        }
        List<Drawn> maps = shareScales(all);
        // read top to bottom as the step goes: what it was made of, then the result
        content.getChildren().addAll(kicker, rule, formula, what, error,
                heading("Before: " + s.tensorsBefore().size() + " node" + (s.tensorsBefore().size() == 1 ? "" : "s")));
        for (Map.Entry<String, Map<String, Tensor>> e : s.tensorsBefore().entrySet()) {
            content.getChildren().add(tensors(e.getKey(), e.getValue().isEmpty(),
                    maps.stream().filter(d -> !d.after() && d.node().equals(e.getKey())).toList()));
        }
        content.getChildren().addAll(heading("After: " + s.nodeOut()),
                tensors(s.nodeOut(), s.tensorsAfter().isEmpty(), maps.stream().filter(Drawn::after).toList()));
    }

    /**
     * A formula with each top-level clause ("W' = ...", "b' = ...") on a line of its own, so a narrow panel
     * wraps between clauses rather than inside one (commas inside brackets stay).
     */
    static String formulaLines(String formula) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < formula.length(); i++) {
            char c = formula.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            if (c == ',' && depth == 0 && i + 1 < formula.length() && formula.charAt(i + 1) == ' ') {
                out.append(",\n");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Shows the value under the cursor just under the map it is read from, over the panel (a label at the
     * top of a long panel is scrolled out of view while the lower maps are hovered, and one in the layout
     * would shift the maps under the cursor).
     */
    private void hoverAt(javafx.scene.Node map, String text) {
        hover.setText(text.isEmpty() ? " " : text);
        hover.setVisible(!text.isEmpty());
        if (text.isEmpty()) {
            return;
        }
        javafx.geometry.Bounds b = content.sceneToLocal(map.localToScene(map.getBoundsInLocal()));
        hover.autosize();
        // under the map, or over it when the map ends at the bottom of the visible part of the panel
        double bottom = content.sceneToLocal(localToScene(getLayoutBounds())).getMaxY();
        double y = b.getMaxY() + 2 + hover.getHeight() <= bottom ? b.getMaxY() + 2 : b.getMinY() - hover.getHeight() - 2;
        hover.relocate(Math.max(0, Math.min(b.getMinX(), content.getWidth() - hover.getWidth())), y);
        hover.toFront();
    }

    /**
     * One heat map to draw: a node's parameter as tiles, whether it is the step's result, and what its
     * legend says about a scale shared with other maps ("" for its own).
     */
    private record Drawn(String node, String param, Tensor tensor, KernelTiles tiles, boolean after, String note) {
    }

    /** The tiles of a node's kernels and vectors (other ranks are not drawn). */
    private static List<Drawn> drawn(String node, Map<String, Tensor> params, int pairs, boolean after) {
        List<Drawn> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            Tensor t = p.getValue();
            if (t.rank() == 4 || t.rank() == 1) {
                KernelTiles tiles = KernelTiles.of(t, pairs, t.rank() == 1 ? 4 * MAX_PAIRS : pairs);
                out.add(new Drawn(node, p.getKey(), t, tiles, after, ""));
            }
        }
        return out;
    }

    /**
     * {@code all} with the maps a person compares put on one symmetric scale (the largest magnitude among
     * them), noted in their legends: every kernel of the step, before and after, and the vectors of one
     * name (every "bias", every "gamma"). A map alone in its kind keeps its own scale.
     */
    private static List<Drawn> shareScales(List<Drawn> all) {
        Map<String, List<Drawn>> kinds = new LinkedHashMap<>();
        for (Drawn d : all) {
            kinds.computeIfAbsent(kind(d), k -> new ArrayList<>()).add(d);
        }
        Map<String, Double> scales = new HashMap<>();
        Map<String, String> notes = new HashMap<>();
        for (Map.Entry<String, List<Drawn>> k : kinds.entrySet()) {
            List<Drawn> same = k.getValue();
            if (same.size() < 2) {
                continue;
            }
            scales.put(k.getKey(), KernelTiles.sharedScale(same.stream().map(Drawn::tiles).toList()));
            boolean both = same.stream().anyMatch(Drawn::after) && same.stream().anyMatch(d -> !d.after());
            notes.put(k.getKey(), "shared scale: every " + k.getKey() + (both ? ", before and after" : " here"));
        }
        List<Drawn> out = new ArrayList<>();
        for (Drawn d : all) {
            Double scale = scales.get(kind(d));
            out.add(scale == null ? d : new Drawn(d.node(), d.param(), d.tensor(), d.tiles().onScale(scale), d.after(),
                    notes.get(kind(d))));
        }
        return out;
    }

    /** Maps of one kind share a scale: kernels, or vectors of one parameter name. */
    private static String kind(Drawn d) {
        return d.tensor().rank() == 4 ? "kernel" : d.param();
    }

    /** The heat maps of one node's parameters: its kernel as tiles, vectors as a row each. */
    private VBox tensors(String node, boolean noParams, List<Drawn> maps) {
        VBox box = new VBox(4);
        box.getStyleClass().add("rs-collapse-node");
        Label name = new Label(node);
        name.getStyleClass().add("rs-collapse-node-name");
        name.setWrapText(true);
        box.getChildren().add(name);
        if (noParams) {
            box.getChildren().add(muted("no parameters"));
        }
        for (Drawn d : maps) {
            KernelTiles tiles = d.tiles();
            String shape = java.util.Arrays.toString(d.tensor().shape()).replace(" ", "");
            Label label = new Label(d.param() + " " + shape + (tiles.capped() ? " · " + tiles.capNote() : ""));
            label.getStyleClass().add("rs-collapse-tensor");
            label.setWrapText(true);
            double cell = d.tensor().rank() == 1 ? 9 : 8;
            javafx.scene.Node[] map = new javafx.scene.Node[1];
            map[0] = HeatMap.of(tiles, node + "." + d.param(), WIDTH - 20, cell, d.note(), t -> hoverAt(map[0], t));
            box.getChildren().addAll(label, map[0]);
        }
        return box;
    }

    private void showRefusal(Refusal r, Optional<BorderDiff> diff, Consumer<Refusal> fix) {
        FontIcon icon = new FontIcon(MaterialDesignA.ALERT_OCTAGON);
        icon.getStyleClass().add("rs-collapse-refused-icon");
        Label title = new Label("Refused: region '" + r.region() + "'", icon);
        title.setWrapText(true);
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
            HeatMap[] holder = new HeatMap[1];
            HeatMap map = HeatMap.ofMap(d.map(), cell, "difference", t -> hoverAt(holder[0], t));
            holder[0] = map;
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
        l.setWrapText(true);
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
