package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * What the latency and accuracy cards share: the title row, the error line, the chart viewer, the palette
 * and "Save PNG…". A card says how it draws its chart ({@link #newChart()}) and calls {@link #redraw()}
 * when its figures change.
 */
abstract class ChartCard extends VBox {

    private final String key;
    private ChartViewer viewer;
    private ChartPalette palette;

    ChartCard(String key, ChartPalette palette) {
        this.key = key;
        this.palette = palette;
        getStyleClass().add("rs-chart-card");
        setId(key + "-card");
    }

    /** The chart as the card's figures and palette make it now. */
    protected abstract JFreeChart newChart();

    protected final ChartPalette palette() {
        return palette;
    }

    /** "Title ... tools": the title on the left, the tools pushed to the right. */
    protected final HBox head(String title, Node... tools) {
        Label label = new Label(title);
        label.getStyleClass().add("rs-chart-card-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, label, gap);
        head.getChildren().addAll(tools);
        head.setAlignment(Pos.CENTER_LEFT);
        return head;
    }

    /** "Save PNG…": asks for a file and writes the chart shown. */
    protected final Button saveButton() {
        Button save = ChartsPanel.button("Save PNG…", MaterialDesignC.CONTENT_SAVE_OUTLINE,
                () -> ChartsPanel.chooseAndSave(this, key, this::savePng));
        save.setId(key + "-save");
        return save;
    }

    /** A wrapped error line, present only while there is an error. */
    protected final Label errorLine(ReadOnlyStringProperty error) {
        Label line = new Label();
        line.setId(key + "-error");
        line.getStyleClass().add("rs-chart-error");
        line.setWrapText(true);
        line.textProperty().bind(error);
        line.visibleProperty().bind(error.isNotEmpty());
        line.managedProperty().bind(line.visibleProperty());
        return line;
    }

    /** The chart viewer, growing with the card. */
    protected final ChartViewer viewer(double minWidth) {
        viewer = new ChartViewer(newChart());
        viewer.setId(key + "-chart");
        viewer.setMinSize(minWidth, 260);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        return viewer;
    }

    protected final void redraw() {
        viewer.setChart(newChart());
    }

    /** The chart shown now. */
    public JFreeChart chart() {
        return viewer.getChart();
    }

    /** Redraws the chart in another theme's colours. */
    public void setPalette(ChartPalette p) {
        palette = p;
        redraw();
    }

    /** Writes the chart shown now as PNG. */
    public void savePng(Path png) throws IOException {
        PngExport.write(viewer.getChart(), png);
    }
}
