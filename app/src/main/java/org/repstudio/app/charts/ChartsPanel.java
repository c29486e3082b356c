package org.repstudio.app.charts;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.repstudio.app.fx.Theme;

/**
 * The two chart cards side by side, latency and accuracy, with the design's name and where its weights came
 * from. A plain node: {@link ChartsWindow} shows it in a window, the collapse panel can embed it. It brings
 * its own stylesheet (assets/charts/charts.css, colours from the theme's variables).
 */
public final class ChartsPanel extends VBox {

    static final String STYLESHEET = "/assets/charts/charts.css";

    private final LatencyChartView latency;
    private final AccuracyChartView accuracy;

    /**
     * @param design           the design to chart
     * @param theme            colours of the charts
     * @param onTrainRequested what "Train…" does (opens the training window)
     */
    public ChartsPanel(ChartsDesign design, Theme theme, Runnable onTrainRequested) {
        this(new LatencyChartViewModel(design, Platform::runLater),
                new AccuracyChartViewModel(design.file(), onTrainRequested), theme);
    }

    ChartsPanel(LatencyChartViewModel latencyVm, AccuracyChartViewModel accuracyVm, Theme theme) {
        URL css = ChartsPanel.class.getResource(STYLESHEET);
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        getStyleClass().add("rs-charts");
        setId("charts-panel");
        ChartsDesign d = latencyVm.design();
        Label name = new Label(d.name() == null || d.name().isBlank() ? "Untitled design" : d.name());
        name.getStyleClass().add("rs-charts-title");
        Label where = new Label((d.file() == null ? "not saved" : d.file().getFileName().toString()) + " · "
                + (d.method() == null ? "" : d.method() + " · ") + weightsNote(d.weightsSource()));
        where.getStyleClass().add("rs-chart-muted");
        where.setId("charts-design");
        latency = new LatencyChartView(latencyVm, ChartPalette.of(theme));
        accuracy = new AccuracyChartView(accuracyVm, ChartPalette.of(theme));
        HBox.setHgrow(latency, Priority.ALWAYS);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        latency.setPrefWidth(760);
        accuracy.setPrefWidth(520);
        HBox cards = new HBox(12, latency, accuracy);
        VBox.setVgrow(cards, Priority.ALWAYS);
        getChildren().addAll(new VBox(2, name, where), cards);
    }

    /**
     * What the weights are for: latency is timed with them, and random ones time the same as trained ones;
     * the accuracy chart reads the training runs' results (trained weights are the harness's, beside the
     * design), so "random weights" after training is not a sign the training was lost.
     */
    static String weightsNote(String source) {
        return source.startsWith("random weights")
                ? "latency timed with " + source + ": the values do not change the timing; accuracy is from training runs"
                : "latency timed with " + source;
    }

    public LatencyChartView latency() {
        return latency;
    }

    public AccuracyChartView accuracy() {
        return accuracy;
    }

    /** Redraws both charts in the colours of {@code theme}. */
    public void setTheme(Theme theme) {
        latency.setPalette(ChartPalette.of(theme));
        accuracy.setPalette(ChartPalette.of(theme));
    }

    static Button button(String text, Ikon ikon, Runnable action) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("rs-icon");
        Button b = new Button(text, icon);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** What a card saves with. */
    @FunctionalInterface
    interface PngWriter {
        void write(Path png) throws IOException;
    }

    /** Asks where to save a chart, writes it there; a failure shows an error. */
    static void chooseAndSave(Node owner, String what, PngWriter writer) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the " + what + " chart as PNG");
        chooser.setInitialFileName(what + "-chart.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File f = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (f == null) {
            return;
        }
        Path png = f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".png");
        try {
            writer.write(png);
        } catch (IOException | RuntimeException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.setHeaderText("Could not save " + png.getFileName());
            alert.setContentText(e.getMessage());
            alert.show();
        }
    }
}
