package org.repstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.repstudio.app.diagram.DiagramLayout;
import org.repstudio.app.diagram.DiagramView;

/**
 * The main window's view: menu bar (File, View, Help), the diagram of the open design (or a hint while
 * none is open) and a status bar with the engine, the last message and the node count.
 */
public final class MainWindow {

    /** Below this the text in node boxes gets hard to read; larger designs scroll instead. */
    private static final double MIN_SCALE = 0.6;

    private final Stage stage;
    private final MainViewModel model;
    private final AppPaths paths;
    private final BorderPane root = new BorderPane();
    private final Menu samplesMenu = new Menu("Samples");
    private final DiagramView diagram = new DiagramView();
    private Theme theme = Theme.fromSystem();

    public MainWindow(Stage stage, MainViewModel model, AppPaths paths) {
        this.stage = stage;
        this.model = model;
        this.paths = paths;
        root.getStyleClass().add("rs-main");
        root.setTop(menuBar());
        root.setCenter(centre());
        root.setBottom(statusBar());
        model.layoutProperty().addListener((obs, old, layout) -> diagram.show(layout));
    }

    public Parent root() {
        return root;
    }

    /** Puts the window's stylesheets on {@code scene} (base rules plus the current theme's colours). */
    public void style(Scene scene) {
        scene.getStylesheets().setAll(theme.stylesheets());
    }

    /** Opens {@code file}; a failure is reported in the status bar and a non-blocking error dialog. */
    public void open(Path file) {
        model.open(file).ifPresent(why -> {
            Alert alert = dialog(Alert.AlertType.ERROR, "Could not open " + file.getFileName());
            alert.setContentText(why);
            alert.show();
        });
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen());
        samplesMenu.setId("menu-samples");
        refreshSamples();
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, open, samplesMenu, new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        file.setOnShowing(e -> refreshSamples());

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected(theme == Theme.DARK);
        dark.setOnAction(e -> {
            theme = dark.isSelected() ? Theme.DARK : Theme.LIGHT;
            style(stage.getScene());
        });
        Menu view = new Menu("View", null, dark);

        MenuItem about = new MenuItem("About RepStudio");
        about.setOnAction(e -> showAbout());
        Menu help = new Menu("Help", null, about);

        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** Fills File ▸ Samples with one item per sample file (the folder may change while the app runs). */
    void refreshSamples() {
        List<Path> samples;
        try {
            samples = paths.sampleFiles();
        } catch (RuntimeException e) {
            samples = List.of();
        }
        samplesMenu.getItems().clear();
        for (Path sample : samples) {
            MenuItem item = new MenuItem(paths.sampleLabel(sample));
            item.setOnAction(e -> open(sample));
            samplesMenu.getItems().add(item);
        }
        if (samples.isEmpty()) {
            MenuItem none = new MenuItem("No samples in " + paths.samples());
            none.setDisable(true);
            samplesMenu.getItems().add(none);
        }
    }

    private Parent centre() {
        // The Group makes the scroll pane see the diagram's scaled size.
        StackPane canvas = new StackPane(new Group(diagram));
        canvas.getStyleClass().add("rs-canvas");
        canvas.setId("canvas");
        ScrollPane scroll = new ScrollPane(canvas);
        scroll.getStyleClass().add("rs-canvas-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setPannable(true);
        InvalidationListener fit = o -> fitToViewport(scroll, canvas);
        scroll.viewportBoundsProperty().addListener(fit);
        model.layoutProperty().addListener(fit);

        Label heading = new Label("No design open");
        heading.getStyleClass().add("rs-empty-title");
        Label hint = new Label("Open a design file, or pick one from File ▸ Samples.");
        hint.getStyleClass().add("rs-empty-hint");
        Button open = new Button("Open design…");
        open.setDefaultButton(true);
        open.setOnAction(e -> chooseAndOpen());
        VBox empty = new VBox(heading, hint, open);
        empty.setId("empty-state");
        empty.getStyleClass().add("rs-empty");
        empty.setAlignment(Pos.CENTER);
        empty.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        var noDesign = model.designProperty().isNull();
        empty.visibleProperty().bind(noDesign);
        scroll.visibleProperty().bind(noDesign.not());
        StackPane centre = new StackPane(scroll, empty);
        centre.getStyleClass().add("rs-centre");
        return centre;
    }

    /** Shrinks the diagram (never enlarges it) so the whole design fits the visible area, down to a limit. */
    private void fitToViewport(ScrollPane scroll, Region canvas) {
        DiagramLayout layout = model.layoutProperty().get();
        Bounds view = scroll.getViewportBounds();
        if (layout == null || view.getWidth() <= 0 || view.getHeight() <= 0) {
            return;
        }
        Insets pad = canvas.getPadding();
        double scale = Math.min(1, Math.min((view.getWidth() - pad.getLeft() - pad.getRight()) / layout.width(),
                (view.getHeight() - pad.getTop() - pad.getBottom()) / layout.height()));
        scale = Math.max(MIN_SCALE, scale);
        diagram.setScaleX(scale);
        diagram.setScaleY(scale);
    }

    private Parent statusBar() {
        Circle dot = new Circle(4);
        dot.getStyleClass().add("rs-engine-dot");
        Label engine = new Label("Engine: " + model.engine(), dot);
        engine.setId("status-engine");
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Label nodes = new Label();
        nodes.setId("status-nodes");
        nodes.textProperty().bind(model.nodeCountProperty());
        HBox bar = new HBox(engine, separator(), message, nodes);
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

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open design");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("RepStudio designs (*.json)", "*.json"));
        if (Files.isDirectory(paths.samples())) {
            chooser.setInitialDirectory(paths.samples().toFile());
        }
        var chosen = chooser.showOpenDialog(stage);
        if (chosen != null) {
            open(chosen.toPath());
        }
    }

    private void showAbout() {
        String version = MainWindow.class.getPackage().getImplementationVersion();
        Alert about = dialog(Alert.AlertType.INFORMATION, "RepStudio " + (version != null ? version : "(development build)"));
        about.setContentText("A studio for structural re-parameterization of CNN blocks: draw a training-time "
                + "block, train it, collapse its branches into one convolution and export it.\n\n"
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
