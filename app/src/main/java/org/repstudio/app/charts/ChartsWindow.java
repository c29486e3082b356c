package org.repstudio.app.charts;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.repstudio.app.fx.Theme;

/**
 * A window with the latency and accuracy charts of one design ({@link ChartsPanel}). Opened from
 * Analyze ▸ Latency and Accuracy… in the main window; the collapse panel can open it too.
 */
public final class ChartsWindow {

    private final Stage stage = new Stage();
    private final ChartsPanel panel;

    private ChartsWindow(Window owner, ChartsDesign design, Theme theme, Runnable onTrainRequested) {
        panel = new ChartsPanel(design, theme, onTrainRequested);
        Scene scene = new Scene(panel, 1280, 660);
        theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Latency and Accuracy: " + design.name());
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> panel.latency().model().cancel());
        if (owner != null && owner.getScene() != null) {
            followTheme(owner.getScene());
        }
    }

    /** The main window switches themes by applying another to its scene; the charts follow. */
    private void followTheme(javafx.scene.Scene ownerScene) {
        ObservableList<String> ownerSheets = ownerScene.getStylesheets();
        ListChangeListener<String> follow = c -> {
            Theme t = Theme.of(ownerScene);
            t.apply(stage.getScene());
            panel.setTheme(t);
        };
        ownerSheets.addListener(follow);
        stage.setOnHidden(e -> {
            panel.latency().model().cancel();
            ownerSheets.removeListener(follow);
        });
    }

    /**
     * Opens the charts of {@code design}.
     *
     * @param owner            the main window (or null)
     * @param design           graph, weights and file of the design, e.g. {@link ChartsDesign#of}
     * @param theme            the app's theme
     * @param onTrainRequested what "Train…" does; the main window opens the training window
     */
    public static ChartsWindow open(Window owner, ChartsDesign design, Theme theme, Runnable onTrainRequested) {
        ChartsWindow w = new ChartsWindow(owner, design, theme, onTrainRequested);
        org.repstudio.app.fx.WindowPlacement.showCentredOn(w.stage, owner, 1280, 660);
        return w;
    }

    public Stage stage() {
        return stage;
    }

    public ChartsPanel panel() {
        return panel;
    }
}
