package org.repstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.repstudio.app.canvas.EditorCanvas;
import org.repstudio.app.charts.ChartsDesign;
import org.repstudio.app.charts.ChartsWindow;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.app.editor.PaletteItem;
import org.repstudio.app.export.ExportWindow;
import org.repstudio.app.files.AppPaths;
import org.repstudio.app.files.Autosave;
import org.repstudio.app.fx.Theme;
import org.repstudio.app.fx.WindowPlacement;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.io.AppVersion;
import static org.repstudio.app.fx.ToolButtons.icon;
import static org.repstudio.app.fx.ToolButtons.tool;

/**
 * The main window: menus and tool bar, the searchable palette, the canvas, the inspector, the problems
 * list and the status bar (engine, device, shapes, parameter and FLOP totals, last message).
 */
public final class MainWindow {

    private final Stage stage;
    private final MainViewModel model;
    private final EditorViewModel vm;
    private final AppPaths paths;
    private final BorderPane root = new BorderPane();
    private final Menu samplesMenu = new Menu("Samples");
    private final Menu recentMenu = new Menu("Open Recent");
    private final EditorCanvas canvas;
    private final org.repstudio.app.collapse.CollapseMode collapse;
    private final ListView<Problem> problems = new ListView<>();
    /** Palette | canvas | inspector and problems. */
    private final SplitPane split = new SplitPane();
    private final Label dragGhost = new Label();
    private final OnnxImportAction importOnnx;
    private Theme theme = Theme.fromSystem();
    /** Answer to the unsaved-changes prompt used instead of a dialog (tests); null shows the dialog. */
    private ButtonType promptAnswer;

    public MainWindow(Stage stage, MainViewModel model, AppPaths paths) {
        this.stage = stage;
        this.model = model;
        this.vm = model.editor();
        this.paths = paths;
        this.importOnnx = new OnnxImportAction(stage, this::open);
        this.canvas = new EditorCanvas(vm);
        canvas.setOnOpenBlock(vm::expand);
        root.getStyleClass().add("rs-main");
        this.collapse = new org.repstudio.app.collapse.CollapseMode(model, root);
        collapse.view().addTool(org.repstudio.app.quant.QuantWindow.playerButton(stage, collapse.view().model(),
                () -> model.template().name(), () -> theme));
        root.setTop(new VBox(menuBar(), toolBar()));
        split.getItems().setAll(palette(), canvas, side());
        split.setDividerPositions(0.12, 0.8);
        // a larger window gives its room to the canvas; palette and inspector keep their widths
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        SplitPane.setResizableWithParent(split.getItems().get(2), false);
        root.setCenter(split);
        root.setBottom(statusBar());
        dragGhost.getStyleClass().add("rs-drag-ghost");
        dragGhost.setManaged(false);
        dragGhost.setVisible(false);
        dragGhost.setMouseTransparent(true);
        root.getChildren().add(dragGhost);
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::keys);
    }

    public Parent root() {
        return root;
    }

    /** Palette | canvas | inspector: its dividers are remembered between sessions. */
    public SplitPane split() {
        return split;
    }

    public EditorCanvas canvas() {
        return canvas;
    }

    /** The Collapse player mode of this window. */
    public org.repstudio.app.collapse.CollapseMode collapse() {
        return collapse;
    }

    public void style(Scene scene) {
        theme.apply(scene);
    }

    public void setTheme(Theme t) {
        theme = t;
        if (stage.getScene() != null) {
            style(stage.getScene());
        }
    }

    /** Used by tests: how the unsaved-changes prompt is answered (null shows the dialog). */
    public void setPromptAnswer(ButtonType answer) {
        promptAnswer = answer;
    }

    /** Opens {@code file} after asking about unsaved changes; a failure shows an error. */
    public void open(Path file) {
        if (!confirmDiscard()) {
            return;
        }
        model.open(file).ifPresentOrElse(why -> {
            Alert alert = dialog(Alert.AlertType.ERROR, "Could not open " + file.getFileName());
            alert.setContentText(why);
            alert.show();
        }, () -> {
            canvas.fitAndKeepFitted();
            collapse.restartIfShown();
            if (!collapse.active()) {
                canvas.requestFocus(); // F, Delete and the arrows act on the design, not on the palette search
            }
        });
    }

    // ---------------------------------------------------------------- menus

    private MenuItem item(String text, Ikon ikon, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text, ikon == null ? null : icon(ikon));
        if (key != null) {
            m.setAccelerator(key);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    /** File ▸ Import ONNX…: a train-time ONNX model opened as a design; a failure says why. */
    private MenuItem importOnnxItem() {
        MenuItem m = item("Import ONNX…", MaterialDesignF.FILE_IMPORT_OUTLINE, null, () -> importOnnx.choose(why -> {
            Alert alert = dialog(Alert.AlertType.ERROR, "Could not import the ONNX model");
            alert.setContentText(why);
            alert.show();
        }));
        m.setId("menu-import-onnx");
        return m;
    }

    /** The Import ONNX… action, for tests that cannot drive the file chooser. */
    public OnnxImportAction importOnnx() {
        return importOnnx;
    }

    private static KeyCombination ctrl(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private MenuBar menuBar() {
        samplesMenu.setId("menu-samples");
        recentMenu.setId("menu-recent");
        refreshSamples();
        Menu file = new Menu("File", null,
                item("New", MaterialDesignF.FILE_PLUS_OUTLINE, ctrl(KeyCode.N), this::newDesign),
                item("Open…", MaterialDesignF.FOLDER_OPEN, ctrl(KeyCode.O), this::chooseAndOpen),
                recentMenu, samplesMenu, new SeparatorMenuItem(),
                item("Save", MaterialDesignC.CONTENT_SAVE, ctrl(KeyCode.S), this::save),
                item("Save As…", null, new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), this::saveAs),
                new SeparatorMenuItem(), // models and weights in and out: ONNX, PyTorch checkpoints
                importOnnxItem(),
                item("Import Weights…", null, null, () -> new ImportWeightsFlow(stage, model, this::open).start()),
                exportItem(),
                new SeparatorMenuItem(),
                item("Quit", null, ctrl(KeyCode.Q), this::quit));
        file.setId("menu-file");
        file.setOnShowing(e -> refreshSamples());

        MenuItem undo = item("Undo", MaterialDesignU.UNDO, ctrl(KeyCode.Z), vm::undo);
        undo.setId("menu-undo");
        undo.textProperty().bind(vm.undoNameProperty().map(n -> n.isEmpty() ? "Undo" : "Undo " + n));
        undo.disableProperty().bind(vm.undoNameProperty().isEmpty());
        MenuItem redo = item("Redo", MaterialDesignR.REDO, ctrl(KeyCode.Y), vm::redo);
        redo.setId("menu-redo");
        redo.textProperty().bind(vm.redoNameProperty().map(n -> n.isEmpty() ? "Redo" : "Redo " + n));
        redo.disableProperty().bind(vm.redoNameProperty().isEmpty());
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Copy", MaterialDesignC.CONTENT_COPY, ctrl(KeyCode.C), vm::copy),
                item("Paste", MaterialDesignC.CONTENT_PASTE, ctrl(KeyCode.V), vm::paste),
                item("Duplicate", MaterialDesignC.CONTENT_DUPLICATE, ctrl(KeyCode.D), vm::duplicate),
                item("Delete  (Del)", MaterialDesignD.DELETE_OUTLINE, null, vm::deleteSelection),
                item("Select All", null, ctrl(KeyCode.A), vm::selectAll),
                item("Find Node…", org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAGNIFY, ctrl(KeyCode.F),
                        canvas::showFinder),
                new SeparatorMenuItem(),
                item("Group into Block…", MaterialDesignG.GROUP, ctrl(KeyCode.G), this::groupSelection),
                item("Expand Block", MaterialDesignU.UNGROUP, new KeyCodeCombination(KeyCode.G,
                        KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::expandSelection));
        edit.setId("menu-edit");

        CheckMenuItem snap = new CheckMenuItem("Snap to Grid");
        snap.selectedProperty().bindBidirectional(vm.snapToGridProperty());
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setSelected(theme == Theme.DARK);
        dark.setOnAction(e -> setTheme(dark.isSelected() ? Theme.DARK : Theme.LIGHT));
        Menu view = new Menu("View", null,
                item("Fit to View  (F)", MaterialDesignF.FIT_TO_PAGE_OUTLINE, null, canvas::fit),
                item("Auto-arrange", MaterialDesignS.SITEMAP, ctrl(KeyCode.L), () -> {
                    vm.autoArrange();
                    canvas.fit();
                }),
                snap, dark);

        MenuItem about = new MenuItem("About RepStudio");
        about.setOnAction(e -> showAbout());
        Menu help = new Menu("Help", null, about);
        MenuItem charts = item("Latency and Accuracy…", MaterialDesignC.CHART_BAR, null, this::openCharts);
        charts.setId("menu-charts");
        MenuItem quant = item("Quantization (INT8)…", MaterialDesignC.CHIP, null, this::openQuantization);
        quant.setId("menu-quantization");
        Menu analyze = new Menu("Analyze", null, charts, quant);
        analyze.setId("menu-analyze");
        MenuBar bar = new MenuBar(file, edit, view, collapse.menu(), trainMenu(), analyze, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** Train ▸ Train Design…: the training window for the open design (results land beside its file). */
    private Menu trainMenu() {
        MenuItem trainDesign = item("Train Design…", MaterialDesignS.SCHOOL_OUTLINE, ctrl(KeyCode.T), this::openTraining);
        trainDesign.setId("menu-train-design");
        Menu train = new Menu("Train", null, trainDesign);
        train.setId("menu-train");
        return train;
    }

    private void openTraining() {
        if (vm.graph().nodes().isEmpty()) {
            model.say("Open or draw a design to train");
        } else {
            org.repstudio.app.train.TrainingWindow.open(stage, LoadedDesign.of(model.design(),
                    model.fileProperty().get(), LoadedDesign.DEFAULT_SEED), paths.state());
        }
    }

    /** File ▸ Export ONNX…: the open design with the weights every entry point finds for it. */
    private MenuItem exportItem() {
        MenuItem export = item("Export ONNX…", MaterialDesignE.EXPORT, ctrl(KeyCode.E), () -> {
            if (vm.graph().nodes().isEmpty()) {
                model.say("Open or draw a design to export");
            } else {
                ExportWindow.open(stage, LoadedDesign.of(model.design(), model.fileProperty().get(),
                        LoadedDesign.DEFAULT_SEED));
            }
        });
        export.setId("menu-export-onnx");
        return export;
    }

    /** Analyze ▸ Latency and Accuracy…: the charts of the design as the editor holds it now; Train… opens training. */
    private void openCharts() {
        ChartsWindow.open(stage, ChartsDesign.of(model.design(), model.fileProperty().get()), theme,
                this::openTraining);
    }

    /** Analyze ▸ Quantization (INT8)…: what INT8 does to each fused kernel of the design as the editor holds it. */
    private void openQuantization() {
        LoadedDesign d = LoadedDesign.of(model.design(), model.fileProperty().get(), LoadedDesign.DEFAULT_SEED);
        try {
            org.repstudio.app.quant.QuantWindow.open(stage, d.design().name(),
                    org.repstudio.app.quant.QuantViewModel.of(d), "weights: " + d.source().describe(), theme);
        } catch (IllegalArgumentException e) {
            model.say(e.getMessage());
        }
    }

    private ToolBar toolBar() {
        ToolBar bar = new ToolBar(
                tool("New", MaterialDesignF.FILE_PLUS_OUTLINE, this::newDesign),
                tool("Open", MaterialDesignF.FOLDER_OPEN, this::chooseAndOpen),
                tool("Save", MaterialDesignC.CONTENT_SAVE, this::save),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("Undo", MaterialDesignU.UNDO, vm::undo),
                tool("Redo", MaterialDesignR.REDO, vm::redo),
                new javafx.scene.control.Separator(Orientation.VERTICAL),
                tool("Group into block", MaterialDesignG.GROUP, this::groupSelection),
                tool("Expand block", MaterialDesignU.UNGROUP, this::expandSelection),
                tool("Auto-arrange", MaterialDesignS.SITEMAP, () -> {
                    vm.autoArrange();
                    canvas.fit();
                }),
                tool("Fit to view (F)", MaterialDesignF.FIT_TO_PAGE_OUTLINE, canvas::fit),
                collapse.toolButton());
        bar.getStyleClass().add("rs-toolbar");
        return bar;
    }

    /** Delete and F act on the canvas unless a text field has the keyboard. */
    private void keys(KeyEvent e) {
        if (e.isConsumed() || stage.getScene() == null
                || stage.getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            vm.deleteSelection();
            e.consume();
        } else if (e.getCode() == KeyCode.F && !e.isShortcutDown()) {
            canvas.fit();
            e.consume();
        }
    }

    void refreshSamples() {
        List<Path> samples;
        try {
            samples = paths.sampleFiles();
        } catch (RuntimeException e) {
            samples = List.of();
        }
        samplesMenu.getItems().clear();
        for (Path sample : samples) {
            samplesMenu.getItems().add(sampleItem(SampleEntry.of(sample, paths.sampleLabel(sample))));
        }
        if (samples.isEmpty()) {
            MenuItem none = new MenuItem("No samples in " + paths.samples());
            none.setDisable(true);
            samplesMenu.getItems().add(none);
        }
        recentMenu.getItems().clear();
        for (Path p : model.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> open(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** A sample's menu item: file and method on the first line, its one-line description under it. */
    private MenuItem sampleItem(SampleEntry sample) {
        Label description = new Label(sample.description());
        description.getStyleClass().add("rs-menu-description");
        Label title = new Label(sample.title());
        title.getStyleClass().add("rs-menu-title");
        MenuItem item = new javafx.scene.control.CustomMenuItem(new VBox(1, title, description));
        item.setText(sample.title());
        item.setId("sample-" + sample.label());
        item.setOnAction(e -> open(sample.file()));
        return item;
    }

    // ---------------------------------------------------------------- panels

    private Parent palette() {
        TextField search = new TextField();
        search.setId("palette-search");
        search.setPromptText("Search ops…");
        ListView<PaletteItem> list = new ListView<>();
        list.setId("palette");
        list.getItems().setAll(PaletteItem.all());
        search.textProperty().addListener((o, a, b) -> list.getItems().setAll(PaletteItem.search(b)));
        list.setCellFactory(l -> {
            ListCell<PaletteItem> cell = new ListCell<>() {
                @Override
                protected void updateItem(PaletteItem item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeIf(c -> c.startsWith("rs-op-") || c.equals("rs-palette-cell"));
                    if (empty || item == null) {
                        setText(null);
                        setTooltip(null);
                        setId(null);
                    } else {
                        setText(item.name());
                        setId("palette-" + item.name().replace(' ', '-'));
                        getStyleClass().addAll("rs-palette-cell", "rs-op-" + item.category());
                        setTooltip(new Tooltip(item.hint() + "\nDrag onto the canvas, or double-click"));
                    }
                }
            };
            dragsOntoCanvas(cell, PaletteItem::name, (item, e) -> {
                canvas.insertAtScene(item, e.getSceneX(), e.getSceneY());
                canvas.requestFocus();
            });
            cell.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && cell.getItem() != null) {
                    canvas.insertAtScene(cell.getItem(), canvas.localToScene(canvas.getWidth() / 2, 0).getX(),
                            canvas.localToScene(0, canvas.getHeight() / 2).getY());
                }
            });
            return cell;
        });
        Label title = new Label("Palette");
        title.getStyleClass().add("rs-panel-title");
        Label blocksTitle = new Label("Blocks");
        blocksTitle.getStyleClass().add("rs-panel-title");
        VBox box = new VBox(6, title, search, list, blocksTitle, blocks());
        VBox.setVgrow(list, Priority.ALWAYS);
        box.getStyleClass().add("rs-panel");
        box.setMinWidth(150);
        return box;
    }

    /**
     * Makes a list cell draggable onto the canvas: a ghost label follows the pointer, and releasing over
     * the canvas hands the cell's item and the release event to {@code drop}.
     */
    private <T> void dragsOntoCanvas(ListCell<T> cell, java.util.function.Function<T, String> label,
                                     java.util.function.BiConsumer<T, MouseEvent> drop) {
        cell.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (cell.getItem() != null) {
                dragGhost.setText("+ " + label.apply(cell.getItem()));
                javafx.geometry.Point2D p = root.sceneToLocal(e.getSceneX(), e.getSceneY());
                dragGhost.autosize();
                dragGhost.relocate(p.getX() + 8, p.getY() + 8);
                dragGhost.setVisible(true);
                dragGhost.toFront();
            }
        });
        cell.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            boolean was = dragGhost.isVisible();
            dragGhost.setVisible(false);
            javafx.geometry.Point2D p = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (was && cell.getItem() != null && canvas.contains(p)) {
                drop.accept(cell.getItem(), e);
            }
        });
    }

    /** The design's named blocks (Edit ▸ Group into Block): drag one onto the canvas, or double-click it. */
    private ListView<String> blocks() {
        ListView<String> blocks = new ListView<>();
        blocks.setId("blocks");
        blocks.setPrefHeight(120);
        Label noBlocks = new Label("Select nodes and group them (Ctrl+G) to make a block");
        noBlocks.setWrapText(true); // the palette column is narrow: the hint wraps instead of being cut off
        noBlocks.setMaxWidth(140);
        blocks.setPlaceholder(noBlocks);
        vm.revisionProperty().addListener((o, a, b) -> {
            List<String> names = List.copyOf(vm.state().blocks().keySet());
            if (!names.equals(blocks.getItems())) {
                blocks.getItems().setAll(names);
            }
        });
        blocks.setCellFactory(l -> {
            ListCell<String> cell = new ListCell<>() {
                @Override
                protected void updateItem(String name, boolean empty) {
                    super.updateItem(name, empty);
                    setText(empty || name == null ? null : name);
                    setId(empty || name == null ? null : "block-" + name);
                    setGraphic(empty || name == null ? null : icon(MaterialDesignG.GROUP));
                }
            };
            dragsOntoCanvas(cell, name -> name, (name, e) -> {
                javafx.geometry.Point2D p = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
                javafx.geometry.Point2D w = canvas.toWorld(p.getX(), p.getY());
                vm.placeBlock(name, new org.repstudio.app.editor.Pos(w.getX(), w.getY()));
            });
            cell.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && cell.getItem() != null) {
                    javafx.geometry.Point2D w = canvas.toWorld(canvas.getWidth() / 2, canvas.getHeight() / 2);
                    vm.placeBlock(cell.getItem(), new org.repstudio.app.editor.Pos(w.getX(), w.getY()));
                }
            });
            return cell;
        });
        return blocks;
    }

    private Parent side() {
        InspectorView inspector = new InspectorView(vm);
        Label title = new Label("Problems");
        title.getStyleClass().add("rs-panel-title");
        problems.setId("problems");
        problems.setPlaceholder(new Label("No problems"));
        problems.setCellFactory(l -> {
            ListCell<Problem> cell = new ListCell<>() {
                @Override
                protected void updateItem(Problem p, boolean empty) {
                    super.updateItem(p, empty);
                    setText(empty || p == null ? null : p.toString());
                    setGraphic(empty || p == null ? null
                            : icon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE));
                    setWrapText(true);
                    setPrefWidth(0);
                }
            };
            cell.setOnMouseClicked(e -> { // also when the row was already selected
                Problem p = cell.getItem();
                if (p != null && p.nodeId() != null && vm.graph().contains(p.nodeId())) {
                    jumpTo(p.nodeId());
                }
            });
            return cell;
        });
        vm.feedbackProperty().addListener((o, a, f) -> problems.getItems().setAll(f.problems()));
        problems.getItems().setAll(vm.feedback().problems());
        problems.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null && p.nodeId() != null && vm.graph().contains(p.nodeId())) {
                jumpTo(p.nodeId());
            }
        });
        VBox problemsBox = new VBox(6, title, problems);
        VBox.setVgrow(problems, Priority.ALWAYS);
        problemsBox.getStyleClass().add("rs-panel");
        inspector.getStyleClass().add("rs-panel");
        SplitPane side = new SplitPane(inspector, problemsBox);
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.6);
        side.setMinWidth(220);
        return side;
    }

    /** Selects node {@code id} and brings it to the middle of the canvas. */
    public void jumpTo(String id) {
        vm.select(List.of(vm.visibleId(id)));
        canvas.centreOn(id);
    }

    private Parent statusBar() {
        Circle dot = new Circle(4);
        dot.getStyleClass().add("rs-engine-dot");
        Label engine = new Label("Engine: " + model.engine(), dot);
        engine.setId("status-engine");
        Label device = new Label();
        device.setId("status-device");
        device.textProperty().bind(model.deviceProperty().map(d -> "Device: " + d));
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Label shapes = new Label();
        shapes.setId("status-nodes");
        shapes.textProperty().bind(model.shapesProperty());
        Label totals = new Label();
        totals.setId("status-totals");
        totals.textProperty().bind(model.totalsProperty());
        HBox bar = new HBox(engine, separator(), device, separator(), message, shapes, separator(), totals);
        bar.setId("status-bar");
        bar.getStyleClass().add("rs-status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Region separator() {
        Region r = new Region();
        r.getStyleClass().add("rs-status-separator");
        return r;
    }

    // ---------------------------------------------------------------- actions

    private void newDesign() {
        if (confirmDiscard()) {
            model.newDesign();
        }
    }

    private void chooseAndOpen() {
        FileChooser chooser = chooser("Open design");
        var chosen = WindowPlacement.keepingMaximised(stage, () -> chooser.showOpenDialog(stage));
        if (chosen != null) {
            open(chosen.toPath());
        }
    }

    /** Saves to the current file, or asks for one. True when the design ended up saved. */
    public boolean save() {
        if (model.fileProperty().get() == null) {
            return saveAs();
        }
        return model.save().isEmpty();
    }

    private boolean saveAs() {
        FileChooser chooser = chooser("Save design as");
        var chosen = WindowPlacement.keepingMaximised(stage, () -> chooser.showSaveDialog(stage));
        return chosen != null && model.saveAs(chosen.toPath()).isEmpty();
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("RepStudio designs (*.json)", "*.json"));
        Path dir = chooserFolder();
        if (dir != null && Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return chooser;
    }

    /** Where a file dialog starts: the open design's folder, else the last file's, else the user's home. */
    private Path chooserFolder() {
        Path file = model.fileProperty().get();
        if (file == null) {
            file = model.recentFiles().stream().findFirst().orElse(null);
        }
        Path dir = file == null ? null : file.getParent();
        return dir != null && Files.isDirectory(dir) ? dir : Path.of(System.getProperty("user.home"));
    }

    /** Asks before unsaved changes are lost; true when it is fine to go on. */
    public boolean confirmDiscard() {
        if (!vm.isDirty()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        ButtonType answer = promptAnswer;
        if (answer == null) {
            Alert alert = dialog(Alert.AlertType.CONFIRMATION, "Save changes to " + model.template().name() + "?");
            alert.setContentText("Your changes will be lost if you don't save them.");
            alert.getButtonTypes().setAll(save, discard, ButtonType.CANCEL);
            answer = WindowPlacement.showAndWait(alert, stage).orElse(ButtonType.CANCEL);
        }
        if (answer.getButtonData() == ButtonBar.ButtonData.YES) {
            return save();
        }
        return answer.getButtonData() == ButtonBar.ButtonData.NO;
    }

    /** Offers to recover work a crashed session left; true when it was recovered. */
    public boolean offerRecovery(Autosave.Recovery r, boolean ask) {
        if (ask) {
            Alert alert = dialog(Alert.AlertType.CONFIRMATION, "Recover unsaved work?");
            alert.setContentText("RepStudio did not exit cleanly last time. Recover the unsaved design '"
                    + r.design().name() + "'" + (r.source() == null ? "" : " (" + r.source().getFileName() + ")") + "?");
            alert.getButtonTypes().setAll(ButtonType.YES, ButtonType.NO);
            Optional<ButtonType> a = WindowPlacement.showAndWait(alert, stage);
            if (a.isEmpty() || a.get() != ButtonType.YES) {
                return false;
            }
        }
        model.recover(r);
        canvas.fit();
        return true;
    }

    private void groupSelection() {
        if (vm.selectedNodes().isEmpty()) {
            model.say("Select nodes to group first");
            return;
        }
        TextInputDialog ask = new TextInputDialog("Block");
        ask.initOwner(stage);
        ask.setHeaderText("Name of the new block");
        if (stage.getScene() != null) {
            ask.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        }
        WindowPlacement.showAndWait(ask, stage).ifPresent(vm::group);
    }

    private void expandSelection() {
        for (String id : List.copyOf(vm.selection())) {
            vm.expand(id);
        }
    }

    private void quit() {
        if (confirmDiscard()) {
            model.endSession();
            Platform.exit();
        }
    }

    private void showAbout() {
        Alert about = dialog(Alert.AlertType.INFORMATION, "RepStudio " + AppVersion.CURRENT);
        about.setContentText("A studio for structural re-parameterization of CNN blocks: draw a training-time "
                + "block, collapse its branches into one convolution and export it.\n\n"
                + "Engine: " + model.engine() + "\nHome: " + paths.home());
        about.show();
    }

    private Alert dialog(Alert.AlertType type, String header) {
        Alert alert = new Alert(type);
        alert.initOwner(stage);
        alert.setTitle("RepStudio");
        alert.setHeaderText(header);
        if (stage.getScene() != null) {
            alert.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        }
        return alert;
    }
}
