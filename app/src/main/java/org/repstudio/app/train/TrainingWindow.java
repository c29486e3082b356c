package org.repstudio.app.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.repstudio.app.files.AppSettings;
import org.repstudio.app.fx.SceneSnapshot;
import org.repstudio.app.fx.Theme;
import org.repstudio.core.design.LoadedDesign;

/**
 * The training window of one design: the form on the left; on the right the dataset preview, live loss
 * and accuracy charts (one series per run, so runs overlay), progress with ETA and the run's status, the
 * results table and the A/B chart. A {@link Stage} owned by the editor window; open it with
 * {@link #open(Window, LoadedDesign)}.
 */
public final class TrainingWindow {

    /** Share of the bottom row the results table takes: all its columns at the window's default width. */
    static final double TABLE_SHARE = 0.66;
    /** The table's share once an A/B report is shown. */
    static final double AB_TABLE_SHARE = 0.4;
    private static final double RESULTS_MIN_WIDTH = 260;
    private static final double AB_MIN_WIDTH = 300;

    private static TrainingWindow last;

    private final Stage stage = new Stage();
    private final TrainingViewModel vm;
    private final TrainingCharts charts;
    private final LoadedDesign design;

    private TrainingWindow(Window owner, LoadedDesign design, Path stateDir) {
        this.design = design;
        this.vm = new TrainingViewModel(design, Platform::runLater, stateDir == null ? null : new AppSettings(stateDir));
        String name = design.design().name();
        Path designPath = design.file();
        Theme theme = Theme.of(owner == null ? null : owner.getScene());
        this.charts = new TrainingCharts(theme == Theme.DARK);
        BorderPane root = new BorderPane();
        root.getStyleClass().add("rs-train-root");
        root.setLeft(left());
        root.setCenter(centre());
        Screen screen = Screen.getPrimary();
        Scene scene = new Scene(root, Math.min(1260, screen.getVisualBounds().getWidth() - 20),
                Math.min(800, screen.getVisualBounds().getHeight() - 20));
        if (owner != null) {
            stage.initOwner(owner);
        }
        theme.apply(scene);
        java.net.URL css = TrainingWindow.class.getResource("/assets/themes/training.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setScene(scene);
        stage.setTitle("Train " + name + (designPath == null ? " (unsaved: results are not written)"
                : " — " + designPath.getFileName()));
        stage.setOnHidden(e -> vm.close());
        vm.seriesRevisionProperty().addListener((o, a, b) -> charts.sync(vm.runs()));
        vm.abProperty().addListener((o, a, b) -> charts.ab().show(b));
        vm.loadDevices();
        vm.refreshPreview();
    }

    /**
     * Opens (or brings to the front) the training window for a design; call on the JavaFX thread.
     *
     * @param owner      the editor window, or null
     * @param design     the design to train (a block, or a whole network) with its method and file; the run is
     *                   saved into the file's run folder (file null: not written)
     */
    public static TrainingWindow open(Window owner, LoadedDesign design) {
        return open(owner, design, null);
    }

    /**
     * As above, keeping the user's settings (whether DJL may download datasets) in {@code stateDir}
     * ({@link org.repstudio.app.files.AppPaths#state()}); null: the choice is not kept.
     */
    public static TrainingWindow open(Window owner, LoadedDesign design, Path stateDir) {
        if (last != null && last.stage.isShowing() && last.design.graph().equals(design.graph())
                && Objects.equals(last.vm.designPath(), design.file())) {
            last.stage.toFront();
            return last;
        }
        last = new TrainingWindow(owner, design, stateDir);
        // over the middle of the editor window, on its screen, even when that window is maximised
        org.repstudio.app.fx.WindowPlacement.showCentredOn(last.stage, owner, 1260, 800);
        return last;
    }

    /** The window opened last, while it is showing. */
    public static Optional<TrainingWindow> current() {
        return last != null && last.stage.isShowing() ? Optional.of(last) : Optional.empty();
    }

    public Stage stage() {
        return stage;
    }

    public TrainingViewModel viewModel() {
        return vm;
    }

    /** Points in the loss chart over all runs (what is drawn, not what the model holds). */
    public int chartPoints() {
        return charts.lossPoints();
    }

    /** The A/B chart's content (tests read it). */
    AbChart abChart() {
        return charts.ab();
    }

    /** Writes a picture of the window. */
    public void snapshot(Path png) {
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        SceneSnapshot.write(stage.getScene(), png);
    }

    private VBox left() {
        TrainingForm form = new TrainingForm(vm);
        VBox.setVgrow(form, Priority.ALWAYS);
        Button train = new Button("Train", new FontIcon(MaterialDesignP.PLAY));
        train.setId("train-start");
        train.setDefaultButton(true);
        train.setOnAction(e -> vm.start());
        train.setTooltip(new Tooltip("Train the design in its harness, then fuse it and compare"));
        Button abButton = new Button("A/B over seeds", new FontIcon(MaterialDesignC.CHART_BAR));
        abButton.setId("train-ab");
        abButton.setOnAction(e -> vm.startAb());
        abButton.setTooltip(new Tooltip("Train the design and the plain block of the same inference shape (and the"
                + " ablations chosen) on several seeds each, same budget, and compare them"));
        Button cancel = new Button("Cancel", new FontIcon(MaterialDesignS.STOP));
        cancel.setId("train-cancel");
        cancel.setOnAction(e -> vm.cancel());
        var running = vm.statusProperty().isEqualTo(TrainingStatus.RUNNING);
        train.disableProperty().bind(running);
        abButton.disableProperty().bind(running);
        cancel.disableProperty().bind(running.not());
        HBox buttons = new HBox(6, train, abButton, cancel);
        buttons.getStyleClass().add("rs-train-buttons");
        VBox box = new VBox(8, form, buttons);
        box.getStyleClass().addAll("rs-panel", "rs-train-left");
        box.setPrefWidth(330);
        box.setMinWidth(290);
        return box;
    }

    private VBox centre() {
        Label previewTitle = new Label("Dataset preview");
        previewTitle.getStyleClass().add("rs-panel-title");
        ScrollPane previewScroll = new ScrollPane(new PreviewStrip(vm.preview()));
        previewScroll.getStyleClass().add("rs-train-preview-scroll");
        previewScroll.setFitToHeight(true);
        previewScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        previewScroll.setMinHeight(PreviewStrip.THUMB + 34);

        HBox chartRow = new HBox(8, charts.lossViewer(), charts.accuracyViewer());
        HBox.setHgrow(charts.lossViewer(), Priority.ALWAYS);
        HBox.setHgrow(charts.accuracyViewer(), Priority.ALWAYS);
        charts.lossViewer().setPrefWidth(400);
        charts.accuracyViewer().setPrefWidth(400);
        VBox.setVgrow(chartRow, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("train-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label eta = new Label();
        eta.setId("train-eta");
        eta.getStyleClass().add("rs-train-note");
        eta.textProperty().bind(vm.etaProperty());
        HBox progressRow = new HBox(10, bar, eta);
        progressRow.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.getStyleClass().add("rs-train-status");
        status.textProperty().bind(vm.messageProperty());
        vm.statusProperty().addListener((o, a, s) -> statusLook(status, s));
        statusLook(status, vm.statusProperty().get());

        ResultsTable table = new ResultsTable(vm.results());
        Label saved = new Label();
        saved.setId("train-saved");
        saved.getStyleClass().add("rs-train-note");
        saved.setWrapText(true);
        vm.results().addListener((javafx.collections.ListChangeListener<RunResult>) c -> saved.setText(
                vm.results().stream().filter(r -> !r.saved().isEmpty()).reduce((a, b) -> b)
                        .map(r -> r.run() + " saved: " + r.saved().stream().map(p -> p.getFileName().toString())
                                .reduce((a, b) -> a + ", " + b).orElse("") + " (beside the design)")
                        .orElse("")));
        Button clear = new Button("Clear runs", new FontIcon(MaterialDesignD.DELETE_SWEEP_OUTLINE));
        clear.setId("train-clear");
        clear.setOnAction(e -> vm.clearRuns());
        clear.disableProperty().bind(vm.statusProperty().isEqualTo(TrainingStatus.RUNNING));
        Label resultsTitle = new Label("Results (test split)");
        resultsTitle.getStyleClass().add("rs-panel-title");
        HBox resultsHeader = new HBox(8, resultsTitle, new javafx.scene.layout.Region(), clear);
        HBox.setHgrow(resultsHeader.getChildren().get(1), Priority.ALWAYS);
        resultsHeader.setAlignment(Pos.CENTER_LEFT);
        VBox results = new VBox(4, resultsHeader, table, saved);
        VBox.setVgrow(table, Priority.ALWAYS);
        results.setMinWidth(RESULTS_MIN_WIDTH);
        charts.abViewer().setMinWidth(AB_MIN_WIDTH);
        // the table keeps every column in view for training runs; an A/B report takes the room its verdict
        // lines and arm names need. The divider can be dragged either way.
        SplitPane bottom = new SplitPane(results, charts.abViewer());
        bottom.setId("train-bottom");
        bottom.setDividerPositions(TABLE_SHARE);
        vm.abProperty().addListener((o, before, report) -> bottom.setDividerPositions(
                report == null ? TABLE_SHARE : AB_TABLE_SHARE));
        bottom.setPrefHeight(320);
        bottom.setMinHeight(200);

        VBox centre = new VBox(8, previewTitle, previewScroll, chartRow, progressRow, status, bottom);
        centre.getStyleClass().add("rs-train-centre");
        return centre;
    }

    private static void statusLook(Label status, TrainingStatus s) {
        status.getStyleClass().removeAll("rs-train-error", "rs-train-ok");
        if (s == TrainingStatus.FAILED || s == TrainingStatus.DIVERGED) {
            status.getStyleClass().add("rs-train-error");
        } else if (s == TrainingStatus.DONE) {
            status.getStyleClass().add("rs-train-ok");
        }
    }
}
