package org.repstudio.app.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.pytorch.WeightsImport;

/**
 * File > Import Weights…: choose a PyTorch checkpoint (.pt, .pth, .safetensors), choose where the trained
 * design goes, load the checkpoint into the current design by name (as {@code repstudio import-weights}),
 * then open the trained design. A checkpoint that does not fit is shown with its reason; nothing is written.
 */
final class ImportWeightsFlow {

    /** What one import did: the design written, and a line for the status bar. */
    record Outcome(Path written, String summary) {
    }

    private final Stage stage;
    private final MainViewModel model;
    private final Consumer<Path> open;

    ImportWeightsFlow(Stage stage, MainViewModel model, Consumer<Path> open) {
        this.stage = stage;
        this.model = model;
        this.open = open;
    }

    void start() {
        Path current = model.fileProperty().get();
        FileChooser pick = new FileChooser();
        pick.setTitle("Import weights from a PyTorch checkpoint");
        pick.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PyTorch checkpoints (*.pt, *.pth, *.safetensors)", "*.pt", "*.pth",
                        "*.safetensors"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (current != null && current.getParent() != null) {
            pick.setInitialDirectory(current.getParent().toFile());
        }
        File checkpoint = pick.showOpenDialog(stage);
        if (checkpoint == null) {
            return;
        }
        FileChooser save = new FileChooser();
        save.setTitle("Save the trained design as");
        save.getExtensionFilters().add(new FileChooser.ExtensionFilter("RepStudio designs (*.json)", "*.json"));
        Path suggested = suggestedOutput(current, checkpoint.toPath());
        save.setInitialDirectory(suggested.getParent().toFile());
        save.setInitialFileName(suggested.getFileName().toString());
        File out = save.showSaveDialog(stage);
        if (out == null) {
            return;
        }
        DesignFile design = model.design();
        Task<Outcome> task = new Task<>() {
            @Override
            protected Outcome call() throws IOException {
                return importInto(design, current, checkpoint.toPath(), out.toPath());
            }
        };
        task.setOnSucceeded(e -> {
            open.accept(task.getValue().written());
            model.say(task.getValue().summary());
        });
        task.setOnFailed(e -> {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.initOwner(stage);
            alert.setTitle("RepStudio");
            alert.setHeaderText("Could not import " + checkpoint.getName());
            alert.setContentText(task.getException().getMessage() + "\nNothing was written.");
            alert.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
            org.repstudio.app.fx.WindowPlacement.showAndWait(alert, stage);
        });
        model.say("Importing " + checkpoint.getName() + "…");
        Thread t = new Thread(task, "import-weights");
        t.setDaemon(true);
        t.start();
    }

    /** Imports and writes; throws with the reason when the checkpoint does not fit (nothing written then). */
    static Outcome importInto(DesignFile design, Path designFile, Path checkpoint, Path out) throws IOException {
        WeightsImport.Outcome o = WeightsImport.run(design, designFile == null ? out.resolveSibling(".unsaved.json")
                : designFile, checkpoint, out);
        String unexpected = o.result().unexpected().isEmpty() ? ""
                : "; " + o.result().unexpected().size() + " unexpected key(s) not read: "
                + String.join(", ", o.result().unexpected().subList(0, Math.min(3, o.result().unexpected().size())))
                + (o.result().unexpected().size() > 3 ? ", …" : "");
        return new Outcome(out, "Imported " + checkpoint.getFileName() + " (" + o.result().layout() + " layout, "
                + o.tensorsRead() + " tensors) into " + out.getFileName() + unexpected);
    }

    /** "<design>-trained.json" beside the design, else beside the checkpoint. */
    static Path suggestedOutput(Path designFile, Path checkpoint) {
        Path dir = designFile != null && designFile.getParent() != null ? designFile.getParent()
                : checkpoint.toAbsolutePath().getParent();
        String stem = designFile != null ? designFile.getFileName().toString().replaceFirst("\\.json$", "")
                : checkpoint.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path p = dir.resolve(stem + "-trained.json");
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(stem + "-trained-" + i + ".json");
        }
        return p;
    }
}
