package org.repstudio.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Pos;
import org.repstudio.core.importer.ImportedDesign;
import org.repstudio.core.importer.ImportedModel;
import org.repstudio.core.importer.OnnxImportException;
import org.repstudio.core.importer.OnnxImporter;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.Position;
import org.repstudio.core.io.WeightsIO;

/**
 * File ▸ Import ONNX…: reads a train-time ONNX model, saves it as a design beside it ({@code MODEL.json} and its
 * weights {@code MODEL.rsw}; an existing file is never overwritten, the name gets a number instead), laid out
 * as Auto-arrange would (folded into bands when long), and opens that design, so it is saved and unmodified.
 */
public final class OnnxImportAction {

    private final Window owner;
    private final Consumer<Path> open;

    /** @param open opens a design file in the window (asking first about unsaved changes) */
    public OnnxImportAction(Window owner, Consumer<Path> open) {
        this.owner = owner;
        this.open = open;
    }

    /**
     * Asks for the model, imports it off the UI thread (a whole network takes a second or two) and opens the
     * design; {@code failed} gets the reason when it fails (nothing is then written).
     */
    public void choose(Consumer<String> failed) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import ONNX model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models (*.onnx)", "*.onnx"));
        var chosen = chooser.showOpenDialog(owner);
        if (chosen == null) {
            return;
        }
        Path onnx = chosen.toPath();
        Thread worker = new Thread(() -> {
            try {
                Path design = importBeside(onnx);
                Platform.runLater(() -> open.accept(design));
            } catch (IOException | RuntimeException e) { // OnnxImportException among them
                Platform.runLater(() -> failed.accept(reason(e)));
            }
        }, "onnx-import");
        worker.setDaemon(true);
        worker.start();
    }

    /** Imports {@code onnx}, writes its design and opens it; the reason when it fails (nothing is then written). */
    public Optional<String> importAndOpen(Path onnx) {
        Path design;
        try {
            design = importBeside(onnx);
        } catch (OnnxImportException | IOException e) {
            return Optional.of(reason(e));
        }
        open.accept(design);
        return Optional.empty();
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The design file written for {@code onnx}, with the editor's auto-arranged positions. */
    static Path importBeside(Path onnx) throws IOException {
        ImportedModel m = OnnxImporter.read(onnx);
        Path design = freeName(onnx);
        Path sidecar = design.resolveSibling(design.getFileName().toString().replaceFirst("\\.json$", ".rsw"));
        DesignFile plain = ImportedDesign.design(m, String.valueOf(onnx.getFileName()),
                Optional.of(sidecar.getFileName().toString()));
        Map<String, Position> positions = new LinkedHashMap<>();
        for (Map.Entry<String, Pos> e : EditorViewModel.arranged(m.graph()).entrySet()) {
            positions.put(e.getKey(), new Position(e.getValue().x(), e.getValue().y()));
        }
        DesignFile d = new DesignFile(plain.name(), plain.description(), plain.method(), plain.graph(), positions,
                plain.weights(), plain.expect());
        WeightsIO.write(sidecar, m.weights());
        try {
            DesignIO.write(design, d);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(sidecar);
            throw e;
        }
        return design;
    }

    /** MODEL.json beside MODEL.onnx, or MODEL-2.json... when that name (or its sidecar) is taken. */
    static Path freeName(Path onnx) {
        String stem = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path dir = onnx.toAbsolutePath().getParent();
        for (int i = 1; ; i++) {
            String base = i == 1 ? stem : stem + "-" + i;
            if (!Files.exists(dir.resolve(base + ".json")) && !Files.exists(dir.resolve(base + ".rsw"))) {
                return dir.resolve(base + ".json");
            }
        }
    }
}
