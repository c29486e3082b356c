package org.repstudio.app.export;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.repstudio.app.fx.Theme;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.onnx.OnnxForm;

/**
 * File &gt; Export ONNX…: fused or unfused, with the design's found weights (its trained run, its sidecar) or
 * random ones, checked in ONNX Runtime against DJL exactly as {@code ./repstudio export} checks it; shows the
 * progress, the report and any error in the window.
 */
public final class ExportWindow {

    private static ExportWindow last;

    private final Stage stage = new Stage();
    private final ExportViewModel vm;

    private ExportWindow(Window owner, LoadedDesign design) {
        vm = new ExportViewModel(design, Platform::runLater);
        VBox root = new VBox(form(), run(), report());
        root.getStyleClass().add("rs-export-root");
        Scene scene = new Scene(root, 720, 460);
        if (owner != null) {
            stage.initOwner(owner);
        }
        Theme.of(owner == null ? null : owner.getScene()).apply(scene);
        java.net.URL css = ExportWindow.class.getResource("/assets/themes/export.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        stage.setScene(scene);
        stage.setTitle("Export ONNX — " + (design.file() != null ? design.file().getFileName() : design.design().name()));
        stage.setOnHidden(e -> vm.close());
    }

    /** Opens the export window of {@code design} (call on the JavaFX thread). */
    public static ExportWindow open(Window owner, LoadedDesign design) {
        if (last != null && last.stage.isShowing()) {
            last.stage.close();
        }
        last = new ExportWindow(owner, design);
        last.stage.show();
        return last;
    }

    /** The window opened last, while it is showing. */
    public static Optional<ExportWindow> current() {
        return last != null && last.stage.isShowing() ? Optional.of(last) : Optional.empty();
    }

    public Stage stage() {
        return stage;
    }

    public ExportViewModel viewModel() {
        return vm;
    }

    private VBox form() {
        ToggleGroup group = new ToggleGroup();
        RadioButton fused = new RadioButton("Fused: every fusable region as one Conv");
        fused.setId("export-fused");
        RadioButton unfused = new RadioButton("Unfused: the train-time graph in inference form");
        unfused.setId("export-unfused");
        fused.setToggleGroup(group);
        unfused.setToggleGroup(group);
        group.selectToggle(vm.formProperty().get() == OnnxForm.FUSED ? fused : unfused);
        group.selectedToggleProperty().addListener((o, a, b) ->
                vm.formProperty().set(b == unfused ? OnnxForm.UNFUSED : OnnxForm.FUSED));

        CheckBox weights = new CheckBox("Use the design's weights: " + vm.foundWeights());
        weights.setId("export-found-weights");
        weights.selectedProperty().bindBidirectional(vm.useFoundWeightsProperty());
        weights.setDisable(!vm.hasStoredWeights());
        weights.setWrapText(true);
        Label weightsNote = new Label(vm.hasStoredWeights() ? "Unticked: random weights from seed "
                + LoadedDesign.DEFAULT_SEED : "Train the design (Train ▸ Train Design…) to export trained weights");
        weightsNote.getStyleClass().add("rs-export-note");

        CheckBox partial = new CheckBox("Write unfused regions as they are (fused export of a design with refusals)");
        partial.setId("export-allow-partial");
        partial.selectedProperty().bindBidirectional(vm.allowPartialProperty());
        partial.disableProperty().bind(vm.formProperty().isEqualTo(OnnxForm.UNFUSED));

        TextField output = new TextField();
        output.setId("export-output");
        output.textProperty().bindBidirectional(vm.outputProperty());
        HBox.setHgrow(output, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> browse());
        HBox target = new HBox(6, new Label("File"), output, browse);
        target.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, fused, unfused, weights, weightsNote, partial, target);
    }

    private HBox run() {
        Button export = new Button("Export");
        export.setId("export-run");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.statusProperty().isEqualTo(ExportViewModel.Status.RUNNING));
        export.setOnAction(e -> vm.export());
        ProgressBar bar = new ProgressBar(0);
        bar.setId("export-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(160);
        Label message = new Label();
        message.setId("export-message");
        message.getStyleClass().add("rs-export-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.statusProperty().addListener((o, a, b) -> {
            message.getStyleClass().removeAll("rs-export-error", "rs-export-ok");
            if (b == ExportViewModel.Status.FAILED) {
                message.getStyleClass().add("rs-export-error");
            } else if (b == ExportViewModel.Status.DONE) {
                message.getStyleClass().add("rs-export-ok");
            }
        });
        export.setMinWidth(Region.USE_PREF_SIZE); // the message wraps; the button and bar keep their size
        bar.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(10, export, bar, message);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private TextArea report() {
        TextArea report = new TextArea();
        report.setId("export-report");
        report.getStyleClass().add("rs-export-report");
        report.setEditable(false);
        report.setWrapText(true);
        report.textProperty().bind(vm.reportProperty());
        VBox.setVgrow(report, Priority.ALWAYS);
        return report;
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export ONNX");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
        String current = vm.outputProperty().get();
        if (current != null && !current.isBlank()) {
            Path p = Path.of(current).toAbsolutePath();
            if (p.getParent() != null && p.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(p.getParent().toFile());
            }
            chooser.setInitialFileName(p.getFileName().toString());
        }
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            vm.outputProperty().set(f.toPath().toString());
        }
    }
}
