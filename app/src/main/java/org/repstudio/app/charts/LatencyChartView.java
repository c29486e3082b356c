package org.repstudio.app.charts;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.jfree.chart.JFreeChart;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The latency card: "Measure on this machine", rounds, cancel and "Save PNG…", a progress bar with the
 * phase while measuring, the error when it failed, and the grouped bar chart.
 */
public final class LatencyChartView extends ChartCard {

    private final LatencyChartViewModel vm;

    public LatencyChartView(LatencyChartViewModel vm, ChartPalette palette) {
        super("latency", palette);
        this.vm = vm;

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
        Button save = saveButton();
        save.disableProperty().bind(vm.figuresProperty().isNull());

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

        getChildren().addAll(head("Latency", statistic, reps, repsLabel, measure, cancel, save), progressRow,
                errorLine(vm.errorProperty()), viewer(320));
        vm.figuresProperty().addListener((o, a, b) -> redraw());
    }

    public LatencyChartViewModel model() {
        return vm;
    }

    @Override
    protected JFreeChart newChart() {
        return LatencyChart.create(vm.design().name(), vm.figures(), palette());
    }
}
