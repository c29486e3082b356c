package org.repstudio.app.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.repstudio.app.collapse.CollapseHost;
import org.repstudio.app.editor.DesignStates;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.Feedback;
import org.repstudio.app.files.AppPaths;
import org.repstudio.app.files.Autosave;
import org.repstudio.app.files.RecentFiles;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.train.RunFolders;

/**
 * State of the main window without scene nodes: the editor, which file it edits, the design's
 * descriptive fields, the files (open, save, save as, recent, autosave and recovery) and the status texts.
 */
public final class MainViewModel implements CollapseHost {

    /** The engine shown in the status bar. */
    public static final String ENGINE = "DJL PyTorch (CPU)";

    private final AppPaths paths;
    private final EditorViewModel editor = new EditorViewModel();
    private final Autosave autosave;
    private final RecentFiles recent;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<DesignFile> template = new ReadOnlyObjectWrapper<>(this, "template",
            DesignFile.of("untitled", "", "", Graph.empty()));
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "Ready");
    private final StringProperty device = new SimpleStringProperty(this, "device", "cpu");
    private final StringBinding title;
    private final StringBinding totals;
    private final StringBinding shapes;
    private boolean autosaved;

    public MainViewModel(AppPaths paths) {
        this.paths = paths;
        this.autosave = new Autosave(paths.state());
        this.recent = new RecentFiles(paths.state().resolve("recent.txt"));
        title = Bindings.createStringBinding(() -> "RepStudio — " + template.get().name()
                + (editor.isDirty() ? " •" : ""), template, editor.dirtyProperty());
        totals = Bindings.createStringBinding(() -> {
            Feedback f = editor.feedback();
            return "Params " + org.repstudio.app.editor.Costs.human(f.totalParams()) + " · FLOPs "
                    + org.repstudio.app.editor.Costs.human(f.totalFlops());
        }, editor.feedbackProperty());
        shapes = Bindings.createStringBinding(() -> {
            Feedback f = editor.feedback();
            int n = editor.graph().nodes().size();
            return n + (n == 1 ? " node · " : " nodes · ") + f.shapes().size() + " shapes · "
                    + (f.problems().isEmpty() ? "no problems" : f.problems().size()
                    + (f.problems().size() == 1 ? " problem" : " problems"));
        }, editor.feedbackProperty());
        editor.messageProperty().addListener((o, a, b) -> {
            if (b != null && !b.isEmpty()) {
                message.set(b);
            }
        });
    }

    public EditorViewModel editor() {
        return editor;
    }

    public AppPaths paths() {
        return paths;
    }

    public Autosave autosave() {
        return autosave;
    }

    /** The file being edited; null for a new design. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public DesignFile template() {
        return template.get();
    }

    /** The design as it would be saved now. */
    public DesignFile design() {
        return DesignStates.toDesign(editor.state(), template.get());
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void say(String text) {
        message.set(text);
    }

    /** "RepStudio — name", with " •" while there are unsaved changes. */
    public StringBinding titleProperty() {
        return title;
    }

    /** "Params 1.2 K · FLOPs 3.4 M". */
    public StringBinding totalsProperty() {
        return totals;
    }

    /** "7 nodes · 7 shapes · no problems". */
    public StringBinding shapesProperty() {
        return shapes;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public String engine() {
        return ENGINE;
    }

    public List<Path> recentFiles() {
        return recent.list();
    }

    // ---------------------------------------------------------------- files

    /** Starts an empty design. */
    public void newDesign() {
        file.set(null);
        template.set(DesignFile.of("untitled", "", "", Graph.empty()));
        editor.setMethod("");
        editor.load(EditorState.empty());
        message.set("New design");
    }

    /** Reads {@code path} and edits it; on failure the current design stays and the reason is returned. */
    public Optional<String> open(Path path) {
        DesignFile d;
        try {
            d = DesignIO.read(path);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            message.set("Could not open " + path.getFileName() + ": " + why);
            return Optional.of(why);
        }
        template.set(d);
        file.set(path.toAbsolutePath().normalize());
        editor.setMethod(d.method());
        editor.load(DesignStates.fromDesign(d));
        recent.add(path);
        message.set("Opened " + path.toAbsolutePath().normalize());
        return Optional.empty();
    }

    /** Saves to the current file; false when there is none yet (the view then asks for one). */
    public Optional<String> save() {
        if (file.get() == null) {
            return Optional.of("no file chosen");
        }
        return saveAs(file.get());
    }

    /** Saves atomically to {@code path}, which becomes the current file. */
    public Optional<String> saveAs(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        DesignFile d = design();
        Optional<Path> carried = Optional.empty();
        String name = file.get() == null || !abs.equals(file.get()) ? RunFolders.stem(abs) : d.name();
        if (file.get() == null || template.get().name().equals("untitled")) {
            d = new DesignFile(name, d.description(), d.method(), d.graph(), d.positions(), d.weights(), d.expect());
        }
        try {
            SidecarCarry.Plan plan = SidecarCarry.carry(d, file.get(), abs);
            carried = plan.copied();
            d = plan.design();
            try {
                DesignIO.write(abs, d);
            } catch (IOException | RuntimeException e) {
                if (carried.isPresent()) {
                    java.nio.file.Files.deleteIfExists(carried.get());
                }
                throw e;
            }
            autosave.discard();
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            message.set("Could not save " + abs.getFileName() + ": " + why);
            return Optional.of(why);
        }
        template.set(d);
        file.set(abs);
        editor.markSaved();
        recent.add(abs);
        message.set("Saved " + abs + carried.map(c -> " with its weights as " + c.getFileName()).orElse(""));
        return Optional.empty();
    }

    // ---------------------------------------------------------------- autosave and recovery

    /** Work a crashed session left behind; check before {@link #beginSession()}. */
    public Optional<Autosave.Recovery> pendingRecovery() {
        return autosave.pending();
    }

    /** Edits the recovered design; it stays unsaved (dirty) until the user saves it. */
    public void recover(Autosave.Recovery r) {
        template.set(r.design());
        file.set(r.source());
        editor.load(EditorState.empty());
        editor.replaceAll("Recover", DesignStates.fromDesign(r.design()));
        message.set("Recovered unsaved work" + (r.source() == null ? "" : " of " + r.source().getFileName()));
    }

    /** Marks the session as running (a later start without {@link #endSession()} finds it crashed). */
    public void beginSession() {
        try {
            autosave.begin();
        } catch (IOException e) {
            message.set("Autosave is off: " + e.getMessage());
        }
    }

    /** Writes the autosave when there are unsaved changes; drops it when there are none. */
    public void autosaveNow() {
        try {
            if (editor.isDirty()) {
                autosave.save(design(), file.get());
                autosaved = true;
            } else if (autosaved) {
                autosave.discard();
                autosaved = false;
            }
        } catch (IOException | RuntimeException e) {
            message.set("Autosave failed: " + e.getMessage());
        }
    }

    /** A clean exit: removes the autosave and the running marker. */
    public void endSession() {
        try {
            autosave.end();
        } catch (IOException e) {
            // nothing left to tell the user
        }
    }
}
