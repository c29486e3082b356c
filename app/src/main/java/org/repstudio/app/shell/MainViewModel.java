package org.repstudio.app.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.repstudio.app.design.DesignSource;
import org.repstudio.app.design.LoadedDesign;
import org.repstudio.app.diagram.DiagramLayout;

/** State of the main window: the open design, its diagram layout and the status texts. No scene nodes. */
public final class MainViewModel {

    /** The engine shown in the status bar. */
    public static final String ENGINE = "DJL PyTorch (CPU)";

    private final DesignSource source;
    private final ReadOnlyObjectWrapper<LoadedDesign> design = new ReadOnlyObjectWrapper<>(this, "design");
    private final ReadOnlyObjectWrapper<DiagramLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyStringWrapper message =
            new ReadOnlyStringWrapper(this, "message", "Ready");
    private final StringBinding title;
    private final StringBinding nodeCount;

    public MainViewModel(DesignSource source) {
        this.source = source;
        title = Bindings.createStringBinding(
                () -> design.get() == null ? "RepStudio" : "RepStudio — " + design.get().name(), design);
        nodeCount = Bindings.createStringBinding(() -> {
            if (design.get() == null) {
                return "No design";
            }
            int n = design.get().graph().nodes().size();
            return n == 1 ? "1 node" : n + " nodes";
        }, design);
    }

    /**
     * Reads {@code file} and shows it. On failure the current design stays, the status message says what
     * went wrong, and the reason is returned for the view to show.
     */
    public Optional<String> open(Path file) {
        LoadedDesign loaded;
        try {
            loaded = source.load(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            message.set("Could not open " + file.getFileName() + ": " + why);
            return Optional.of(why);
        }
        layout.set(DiagramLayout.of(loaded.graph(), loaded.positions()));
        design.set(loaded);
        message.set(file.toAbsolutePath().normalize().toString());
        return Optional.empty();
    }

    public ReadOnlyObjectProperty<LoadedDesign> designProperty() {
        return design.getReadOnlyProperty();
    }

    /** The diagram of the open design; null while none is open. */
    public ReadOnlyObjectProperty<DiagramLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "RepStudio", or "RepStudio — name" while a design is open. */
    public StringBinding titleProperty() {
        return title;
    }

    /** "No design", "1 node", "12 nodes". */
    public StringBinding nodeCountProperty() {
        return nodeCount;
    }

    public String engine() {
        return ENGINE;
    }
}
