package org.repstudio.app.collapse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.repstudio.app.editor.EditorState;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.fx.Theme;
import org.repstudio.app.fx.ToolButtons;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile;

/**
 * Collapse mode in the main window: the Collapse menu and tool bar button, and swapping the window's
 * centre between the editor and the {@link CollapseView}. While it shows, the editor cannot be edited
 * from the canvas (it is not shown; the selection is cleared so Delete does nothing); an edit made anyway
 * (undo, or the "use bias padding" fix, one undoable edit) starts a new collapse from the edited design.
 */
public final class CollapseMode {

    private final CollapseHost model;
    private final EditorViewModel editor;
    private final BorderPane root;
    private final CollapseView view = new CollapseView(new CollapseViewModel());
    private Node editorCentre;
    /** The graph being fused in the background, or null. */
    private Graph pending;
    private long jobs;

    public CollapseMode(CollapseHost model, BorderPane root) {
        this.model = model;
        this.editor = model.editor();
        this.root = root;
        view.setOnClose(this::leave);
        view.setOnFix(this::useBiasPadding);
        editor.revisionProperty().addListener((o, a, b) -> {
            if (active() && view.model().isStaleFor(editor.graph())) {
                start();
            }
        });
    }

    /** The Collapse menu: Collapse Design (Ctrl+K), Export Frames…. */
    public Menu menu() {
        MenuItem collapse = new MenuItem("Collapse Design", new FontIcon(MaterialDesignA.ARROW_COLLAPSE_ALL));
        collapse.setId("menu-collapse-design");
        collapse.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        collapse.setOnAction(e -> enter());
        MenuItem frames = new MenuItem("Export Frames…", new FontIcon(MaterialDesignI.IMAGE_MULTIPLE_OUTLINE));
        frames.setId("menu-collapse-frames");
        frames.setOnAction(e -> chooseAndExport());
        Menu menu = new Menu("Collapse", null, collapse, frames);
        menu.setId("menu-collapse");
        return menu;
    }

    /** The tool bar button that enters collapse mode. */
    public Button toolButton() {
        Button b = ToolButtons.tool("Collapse the design step by step (Ctrl+K)", MaterialDesignA.ARROW_COLLAPSE_ALL,
                this::enter);
        b.setId("tool-collapse");
        return b;
    }

    /** Shows the player on the current design (a new collapse when the design changed since the last). */
    public void enter() {
        if (active()) {
            return;
        }
        editor.clearSelection();
        editorCentre = root.getCenter();
        root.setCenter(view);
        view.takeFocus();
        if (view.model().isStaleFor(editor.graph())) {
            start();
        }
    }

    /** Collapses the editor's design afresh if the player shows (a file opened over it), else nothing. */
    public void restartIfShown() {
        if (active()) {
            pending = null;
            start();
        }
    }

    /** Back to editing. */
    public void leave() {
        if (!active()) {
            return;
        }
        view.model().playingProperty().set(false);
        root.setCenter(editorCentre);
        editorCentre = null;
    }

    public boolean active() {
        return root.getCenter() == view;
    }

    public CollapseView view() {
        return view;
    }

    /** True while a collapse is being computed. */
    public boolean busy() {
        return pending != null;
    }

    /**
     * Fuses the editor's design off the JavaFX thread (a whole network takes seconds) and loads the
     * player when done; an invalid design goes back to the editor with the reason in the status bar.
     */
    private void start() {
        Graph graph = editor.graph();
        if (graph.equals(pending)) {
            return;
        }
        pending = graph;
        long job = ++jobs;
        DesignFile d = model.design();
        Path file = model.fileProperty().get();
        Map<String, org.repstudio.app.editor.Pos> positions = editor.state().positions();
        view.busy("Collapsing " + graph.nodes().size() + " nodes…");
        Thread worker = new Thread(() -> {
            try {
                FusionTrace t = trace(d, file);
                Platform.runLater(() -> {
                    if (job == jobs) {
                        pending = null;
                        view.load(t, positions, d.method());
                        model.say(t.exact() ? "Collapse: " + t.steps().size() + " steps, "
                                + t.original().nodes().size() + " → " + t.fused().nodes().size() + " nodes"
                                : "Collapse: " + t.refusals().size() + " region(s) refused");
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (job == jobs) {
                        pending = null;
                        model.say("Cannot collapse: " + e.getMessage());
                        leave();
                    }
                });
            }
        }, "collapse");
        worker.setDaemon(true);
        worker.start();
    }

    private static FusionTrace trace(DesignFile d, Path file) {
        return CollapseSource.trace(LoadedDesign.of(d, file, LoadedDesign.DEFAULT_SEED));
    }

    /** The one-click fix: bias padding for the refusal's region, as one undoable edit. */
    public void useBiasPadding(Refusal r) {
        Optional<EditorState> fixed = BiasPaddingFix.apply(editor.state(), r.nodes());
        fixed.ifPresent(s -> editor.replaceAll("Use bias padding", s));
    }

    private void chooseAndExport() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export collapse frames to");
        javafx.stage.Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        java.io.File dir = owner instanceof javafx.stage.Stage s
                ? org.repstudio.app.fx.WindowPlacement.keepingMaximised(s, () -> chooser.showDialog(s))
                : chooser.showDialog(owner);
        if (dir != null) {
            exportFrames(dir.toPath());
        }
    }

    /** Renders the current design's collapse as PNG frames into {@code dir}. */
    public List<Path> exportFrames(Path dir) {
        try {
            DesignFile d = model.design();
            List<Path> frames = FrameRenderer.render(trace(d, model.fileProperty().get()), editor.state().positions(), d.method(), dir,
                    Theme.fromSystem(), line -> { });
            model.say("Exported " + frames.size() + " frames to " + dir);
            return frames;
        } catch (java.io.IOException | RuntimeException e) {
            model.say("Could not export frames: " + e.getMessage());
            return List.of();
        }
    }
}
