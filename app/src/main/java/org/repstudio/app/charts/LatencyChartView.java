package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The latency card: "Measure on this machine", rounds, cancel and "Save PNG…", a progress bar with the
 * phase while measuring, the error when it failed, and the grouped bar chart.
 */
public final class LatencyChartView extends VBox {

    private final LatencyChartViewModel vm;
    private final ChartViewer viewer;
    private ChartPalette palette;

    public LatencyChartView(LatencyChartViewModel vm, ChartPalette palette) {
        this.vm = vm;
        this.palette = palette;
        getStyleClass().add("rs-chart-card");
        setId("latency-card");

        Label title = new Label("Latency");
        title.getStyleClass().add("rs-chart-card-title");
        Button measure = ChartsPanel.button("Measure on this machine", MaterialDesignT.TIMER_OUTLINE, vm::measure);
        measure.setId("latency-measure");
        measure.setDefaultButton(true);
        measure.disableProperty().bind(vm.runningProperty());
        Button cancel = ChartsPanel.button("Cancel", MaterialDesignS.STOP_CIRCLE_OUTLINE, vm::cancel);
        cancel.setId("latency-cancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Spinner<Integer> reps = new Spinner<>(5, 1000, vm.repsProperty().get(), 5);
        reps.setId("latency-reps");
        reps.setEditable(true);
        reps.setPrefWidth(84);
        reps.setTooltip(new Tooltip("Timed rounds; each bar is the median over them"));
        reps.valueProperty().addListener((o, a, b) -> vm.repsProperty().set(b));
        vm.repsProperty().addListener((o, a, b) -> reps.getValueFactory().setValue(b.intValue()));
        reps.disableProperty().bind(vm.runningProperty());
        Label repsLabel = new Label("rounds");
        repsLabel.getStyleClass().add("rs-chart-muted");
        ChoiceBox<LatencyFigures.Statistic> statistic = new ChoiceBox<>();
        statistic.setId("latency-statistic");
        statistic.getItems().setAll(LatencyFigures.Statistic.values());
        statistic.valueProperty().bindBidirectional(vm.statisticProperty());
        statistic.setTooltip(new Tooltip("Bars show the median round, or the fastest one (least touched by other"
                + " work on a busy machine)"));
        Button save = ChartsPanel.button("Save PNG…", MaterialDesignC.CONTENT_SAVE_OUTLINE,
                () -> ChartsPanel.chooseAndSave(this, "latency", this::savePng));
        save.setId("latency-save");
        save.disableProperty().bind(vm.figuresProperty().isNull());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, statistic, reps, repsLabel, measure, cancel, save);
        head.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("latency-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(220);
        Label phase = new Label();
        phase.setId("latency-phase");
        phase.getStyleClass().add("rs-chart-muted");
        phase.textProperty().bind(vm.phaseProperty());
        HBox progressRow = new HBox(10, bar, phase);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());

        Label error = new Label();
        error.setId("latency-error");
        error.getStyleClass().add("rs-chart-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        viewer = new ChartViewer(newChart());
        viewer.setId("latency-chart");
        viewer.setMinSize(320, 260);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        getChildren().addAll(head, progressRow, error, viewer);
        vm.figuresProperty().addListener((o, a, b) -> viewer.setChart(newChart()));
    }

    public LatencyChartViewModel model() {
        return vm;
    }

    /** The chart shown now. */
    public JFreeChart chart() {
        return viewer.getChart();
    }

    private JFreeChart newChart() {
        return LatencyChart.create(vm.design().name(), vm.figures(), palette);
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
