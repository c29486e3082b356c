package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The accuracy card: the latest training run's accuracy unfused vs fused (and plain), or "not trained yet"
 * with a "Train…" button; "Reload" after a run, "Save PNG…".
 */
public final class AccuracyChartView extends VBox {

    private final AccuracyChartViewModel vm;
    private final ChartViewer viewer;
    private ChartPalette palette;

    public AccuracyChartView(AccuracyChartViewModel vm, ChartPalette palette) {
        this.vm = vm;
        this.palette = palette;
        getStyleClass().add("rs-chart-card");
        setId("accuracy-card");

        Label title = new Label("Accuracy");
        title.getStyleClass().add("rs-chart-card-title");
        Button train = ChartsPanel.button("Train…", MaterialDesignS.SCHOOL_OUTLINE, vm::requestTraining);
        train.setId("accuracy-train");
        train.visibleProperty().bind(vm.resultsProperty().isNull());
        train.managedProperty().bind(train.visibleProperty());
        Button reload = ChartsPanel.button("Reload", MaterialDesignR.REFRESH, vm::reload);
        reload.setId("accuracy-reload");
        Button save = ChartsPanel.button("Save PNG…", MaterialDesignC.CONTENT_SAVE_OUTLINE,
                () -> ChartsPanel.chooseAndSave(this, "accuracy", this::savePng));
        save.setId("accuracy-save");
        save.disableProperty().bind(vm.resultsProperty().isNull());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, train, reload, save);
        head.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("accuracy-summary");
        summary.getStyleClass().add("rs-chart-muted");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        summary.visibleProperty().bind(vm.resultsProperty().isNull());
        summary.managedProperty().bind(summary.visibleProperty());
        Label error = new Label();
        error.setId("accuracy-error");
        error.getStyleClass().add("rs-chart-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        viewer = new ChartViewer(newChart());
        viewer.setId("accuracy-chart");
        viewer.setMinSize(280, 260);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        getChildren().addAll(head, summary, error, viewer);
        vm.resultsProperty().addListener((o, a, b) -> viewer.setChart(newChart()));
    }

    public AccuracyChartViewModel model() {
        return vm;
    }

    /** The chart shown now. */
    public JFreeChart chart() {
        return viewer.getChart();
    }

    private JFreeChart newChart() {
        return AccuracyChart.create(vm.results(), palette);
    }

    /** Redraws the chart in another theme's colours. */
    public void setPalette(ChartPalette p) {
        palette = p;
        viewer.setChart(newChart());
    }

    /** Writes the chart shown now as PNG. */
    public void savePng(Path png) throws IOException {
        PngExport.write(viewer.getChart(), png);
    }
}
