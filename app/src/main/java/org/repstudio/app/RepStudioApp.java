package org.repstudio.app;

import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.repstudio.app.files.AppPaths;
import org.repstudio.app.files.Autosave;
import org.repstudio.app.fx.SceneSnapshot;
import org.repstudio.app.shell.MainViewModel;
import org.repstudio.app.shell.MainWindow;

/**
 * The desktop editor. Its first unnamed parameter, if any, is a design file to open. On start it offers
 * to recover work a crashed session left in the autosave; while it runs unsaved work is autosaved every
 * few seconds. The hidden system property {@code repstudio.snapshot=FILE.png} writes a picture of the
 * window once it is shown and quits ({@code repstudio.snapshot.select=NODE} selects a node first,
 * {@code repstudio.snapshot.arrange=true} auto-arranges the design first).
 */
public final class RepStudioApp extends Application {

    private final AppPaths paths;
    private final boolean probeDevices;
    private MainWindow window;
    private MainViewModel model;
    private Timeline autosave;

    /** The app as launched: paths from the system, devices probed in the background. */
    public RepStudioApp() {
        this(AppPaths.fromSystem(), true);
    }

    public RepStudioApp(AppPaths paths) {
        this(paths, false);
    }

    RepStudioApp(AppPaths paths, boolean probeDevices) {
        this.paths = paths;
        this.probeDevices = probeDevices;
    }

    @Override
    public void start(Stage stage) {
        model = new MainViewModel(paths);
        window = new MainWindow(stage, model, paths);
        Scene scene = new Scene(window.root());
        window.style(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!window.confirmDiscard()) {
                e.consume();
            } else {
                model.endSession();
            }
        });
        // sized to the screen, or where it was left last time (see WindowPlacement)
        org.repstudio.app.fx.WindowPlacement.showMain(stage, window.split(), paths.state());

        String snapshot = System.getProperty("repstudio.snapshot");
        boolean snapshotting = snapshot != null && !snapshot.isBlank();
        Optional<Autosave.Recovery> recovery = model.pendingRecovery();
        model.beginSession();
        Parameters parameters = getParameters(); // null when start() is called by hand, not by launch()
        Optional<String> file = parameters == null ? Optional.empty() : parameters.getUnnamed().stream().findFirst();
        if (recovery.isPresent() && !snapshotting) {
            Platform.runLater(() -> {
                if (!window.offerRecovery(recovery.get(), true)) {
                    file.ifPresent(f -> window.open(Path.of(f)));
                }
            });
        } else {
            file.ifPresent(f -> window.open(Path.of(f)));
        }

        autosave = new Timeline(new KeyFrame(Duration.seconds(5), e -> model.autosaveNow()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
        if (probeDevices) {
            probeDevices();
        }

        if (snapshotting) {
            PauseTransition settle = new PauseTransition(Duration.millis(800));
            settle.setOnFinished(e -> {
                if (Boolean.getBoolean("repstudio.snapshot.arrange")) {
                    model.editor().autoArrange();
                }
                window.canvas().fit();
                String select = System.getProperty("repstudio.snapshot.select");
                if (select != null && model.editor().graph().contains(select)) {
                    model.editor().select(java.util.List.of(select));
                }
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                SceneSnapshot.write(scene, Path.of(snapshot));
                model.endSession();
                Platform.exit();
            });
            settle.play();
        }
    }

    private void probeDevices() {
        model.deviceProperty().set("cpu (probing…)");
        Thread t = new Thread(() -> {
            String text;
            try {
                text = String.join(", ", org.repstudio.core.engine.Devices.names());
            } catch (Throwable e) {
                text = "cpu (engine not loaded: " + e.getClass().getSimpleName() + ")";
            }
            String shown = text;
            Platform.runLater(() -> model.deviceProperty().set(shown));
        }, "device-probe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop() {
        if (autosave != null) {
            autosave.stop();
        }
    }

    /** Opens {@code file} in the window; call on the JavaFX thread. */
    public void open(Path file) {
        window.open(file);
    }

    public MainWindow window() {
        return window;
    }

    public MainViewModel model() {
        return model;
    }
}
