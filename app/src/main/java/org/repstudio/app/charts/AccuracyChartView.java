package org.repstudio.app.charts;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.jfree.chart.JFreeChart;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The accuracy card: the latest training run's accuracy unfused vs fused (and plain), or "not trained yet"
 * with a "Train…" button; "Reload" after a run, "Save PNG…".
 */
public final class AccuracyChartView extends ChartCard {

    private final AccuracyChartViewModel vm;

    public AccuracyChartView(AccuracyChartViewModel vm, ChartPalette palette) {
        super("accuracy", palette);
        this.vm = vm;

        Button train = ChartsPanel.button("Train…", MaterialDesignS.SCHOOL_OUTLINE, vm::requestTraining);
        train.setId("accuracy-train");
        train.visibleProperty().bind(vm.resultsProperty().isNull());
        train.managedProperty().bind(train.visibleProperty());
        Button reload = ChartsPanel.button("Reload", MaterialDesignR.REFRESH, vm::reload);
        reload.setId("accuracy-reload");
        Button save = saveButton();
        save.disableProperty().bind(vm.resultsProperty().isNull());

        Label summary = new Label();
        summary.setId("accuracy-summary");
        summary.getStyleClass().add("rs-chart-muted");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        summary.visibleProperty().bind(vm.resultsProperty().isNull());
        summary.managedProperty().bind(summary.visibleProperty());

        getChildren().addAll(head("Accuracy", train, reload, save), summary, errorLine(vm.errorProperty()), viewer(280));
        vm.resultsProperty().addListener((o, a, b) -> redraw());
    }

    public AccuracyChartViewModel model() {
        return vm;
    }

    @Override
    protected JFreeChart newChart() {
        return AccuracyChart.create(vm.results(), palette());
    }
}
