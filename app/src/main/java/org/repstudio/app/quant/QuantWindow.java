package org.repstudio.app.quant;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.repstudio.app.collapse.HeatMap;
import org.repstudio.app.collapse.KernelTiles;
import org.repstudio.app.fx.Theme;

/**
 * Analyze ▸ Quantization (INT8)…: for each fused kernel, its heat map (the collapse player's tiles), beside it
 * the per-channel INT8 error map (left column one per-tensor scale, right column each channel's own), and the
 * lines that say which branch sets the widest channels' range.
 */
public final class QuantWindow {

    /** Channels and inputs drawn per kernel; larger kernels are capped (the caption says so). */
    static final int MAX_TILES = 16;
    /** Pixels per channel row of the error map. */
    static final double ERROR_CELL = 10;

    private final Stage stage = new Stage();
    private final Label hover = new Label(" ");

    private QuantWindow(Window owner, String name, QuantViewModel vm, String weightsSource, Theme theme) {
        VBox rows = new VBox(18);
        rows.setPadding(new Insets(12));
        Label source = new Label(weightsSource);
        source.getStyleClass().add("rs-collapse-muted");
        rows.getChildren().add(source);
        for (QuantViewModel.KernelView k : vm.kernels()) {
            rows.getChildren().add(row(k));
        }
        hover.setId("quant-hover");
        hover.getStyleClass().add("rs-collapse-hover");
        hover.setPadding(new Insets(4, 12, 4, 12));
        BorderPane root = new BorderPane(new ScrollPane(rows), null, null, hover, null);
        root.setId("quant-view");
        root.getStyleClass().add("rs-collapse");
        Scene scene = new Scene(root, 1180, 760);
        scene.getStylesheets().setAll(theme.stylesheets());
        stage.setScene(scene);
        stage.setTitle("Quantization (INT8): " + name);
        if (owner != null) {
            stage.initOwner(owner);
        }
    }

    private VBox row(QuantViewModel.KernelView k) {
        Label title = new Label(k.summary());
        title.getStyleClass().add("quant-kernel-title");
        title.setWrapText(true);
        title.getStyleClass().add("rs-collapse-heading");
        KernelTiles tiles = KernelTiles.of(k.kernel(), MAX_TILES, MAX_TILES);
        HeatMap kernel = HeatMap.of(tiles, "w", 560, 14, tiles.capped() ? tiles.capNote() : "", hover::setText);
        HeatMap error = HeatMap.ofMap(k.errorMap(), ERROR_CELL, "INT8 error %", hover::setText);
        error.getStyleClass().add("quant-error-map");
        Label errorCaption = new Label("INT8 error per channel, %\nleft: one scale per tensor\nright: one per channel");
        VBox errorBox = new VBox(4, errorCaption, error);
        VBox lines = new VBox(4);
        for (String d : k.details()) {
            Label l = new Label(d);
            l.setWrapText(true);
            l.setMaxWidth(380);
            lines.getChildren().add(l);
        }
        HBox maps = new HBox(16, kernel, errorBox, lines);
        return new VBox(6, title, maps);
    }

    /** The collapse player's button: the Quantization view of the trace the player shows. */
    public static javafx.scene.control.Button playerButton(Window owner, org.repstudio.app.collapse.CollapseViewModel cvm,
                                                           java.util.function.Supplier<String> name,
                                                           java.util.function.Supplier<Theme> theme) {
        javafx.scene.control.Button b = org.repstudio.app.fx.ToolButtons.tool(
                "Quantization (INT8): what INT8 does to the fused kernels",
                org.kordamp.ikonli.materialdesign2.MaterialDesignC.CHIP, () -> {
                    if (cvm.trace() != null && !cvm.trace().steps().isEmpty()) {
                        open(owner, name.get(), new QuantViewModel(cvm.trace()), "the weights of this collapse",
                                theme.get());
                    }
                });
        b.setId("collapse-quantization");
        return b;
    }

    /** Opens the view of {@code vm}'s kernels. */
    public static QuantWindow open(Window owner, String name, QuantViewModel vm, String weightsSource, Theme theme) {
        QuantWindow w = new QuantWindow(owner, name, vm, weightsSource, theme);
        w.stage.show();
        return w;
    }
}
