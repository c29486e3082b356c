package org.repstudio.app;

import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.repstudio.app.design.DesignSource;
import org.repstudio.app.shell.AppPaths;
import org.repstudio.app.shell.MainViewModel;
import org.repstudio.app.shell.MainWindow;
import org.repstudio.app.shell.SceneSnapshot;

/**
 * The desktop editor. Its first unnamed parameter, if any, is a design file to open. The hidden system
 * property {@code repstudio.snapshot=FILE.png} writes a picture of the window once it is shown and quits
 * (for screenshots and checks without a screen grabber).
 */
public final class RepStudioApp extends Application {

    private final DesignSource source;
    private final AppPaths paths;
    private MainWindow window;

    /** The app as launched: the design file reader found on the class path, home from the system. */
    public RepStudioApp() {
        this(DesignSource.discover(), AppPaths.fromSystem());
    }

    public RepStudioApp(DesignSource source, AppPaths paths) {
        this.source = source;
        this.paths = paths;
    }

    @Override
    public void start(Stage stage) {
        MainViewModel model = new MainViewModel(source);
        window = new MainWindow(stage, model, paths);
        Scene scene = new Scene(window.root(), 1180, 760);
        window.style(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setScene(scene);
        stage.show();

        Parameters parameters = getParameters(); // null when start() is called by hand, not by launch()
        if (parameters != null) {
            parameters.getUnnamed().stream().findFirst().ifPresent(file -> window.open(Path.of(file)));
        }

        String snapshot = System.getProperty("repstudio.snapshot");
        if (snapshot != null && !snapshot.isBlank()) {
            PauseTransition settle = new PauseTransition(Duration.millis(500));
            settle.setOnFinished(e -> {
                SceneSnapshot.write(scene, Path.of(snapshot));
                Platform.exit();
            });
            settle.play();
        }
    }

    /** Opens {@code file} in the window; call on the JavaFX thread. */
    public void open(Path file) {
        window.open(file);
    }
}
