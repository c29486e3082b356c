package org.repstudio.app.fx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Sizes and places windows on the screen they belong to. Some window managers (Openbox, seen under Xvfb)
 * shrink a GTK window to a default size as it is mapped, whatever size the stage asked for; so the size and
 * place are asked for again once the window shows, which the window manager then keeps.
 */
public final class WindowPlacement {

    /** Share of the screen a first-time main window takes. */
    static final double SCREEN_SHARE = 0.85;
    /** The size the main window's tool bars and the collapse player's controls fit in without overflowing. */
    static final double PREFERRED_WIDTH = 1380;
    static final double PREFERRED_HEIGHT = 860;

    private WindowPlacement() {
    }

    /** The usable area of the screen that holds most of {@code w} (the primary screen when it is not placed). */
    public static Rectangle2D screenOf(Window w) {
        if (w == null || Double.isNaN(w.getX()) || w.getWidth() <= 0) {
            return Screen.getPrimary().getVisualBounds();
        }
        var screens = Screen.getScreensForRectangle(w.getX(), w.getY(), w.getWidth(), w.getHeight());
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    /**
     * Shows the main window where it was left last time ({@code state}'s window.json), maximised if it
     * was, with the palette and inspector as wide as they were; a first start takes most of the screen,
     * centred. The geometry is saved again when the window closes.
     */
    public static void showMain(Stage stage, SplitPane split, Path state) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Optional<WindowGeometry> saved = WindowGeometry.read(state).map(g -> g.within(screen));
        // at least the size every panel and tool bar is laid out for (the whole of a small screen), more on
        // a large one
        Rectangle2D bounds = saved.map(WindowGeometry::bounds).orElseGet(() -> centred(screen,
                Math.max(PREFERRED_WIDTH, screen.getWidth() * SCREEN_SHARE),
                Math.max(PREFERRED_HEIGHT, screen.getHeight() * SCREEN_SHARE)));
        apply(stage, bounds);
        stage.show();
        Platform.runLater(() -> {
            apply(stage, bounds);
            if (saved.map(WindowGeometry::maximized).orElse(false)) {
                stage.setMaximized(true);
            }
            saved.ifPresent(g -> Platform.runLater(() -> setSideWidths(split, g.paletteWidth(), g.sideWidth())));
        });
        // maximised, the stage's bounds are the screen's: the normal bounds are the last ones seen unmaximised
        Rectangle2D[] normal = {bounds};
        javafx.beans.InvalidationListener track = o -> {
            if (stage.isShowing() && !stage.isMaximized() && stage.getWidth() > 0) {
                normal[0] = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener(track);
        stage.yProperty().addListener(track);
        stage.widthProperty().addListener(track);
        stage.heightProperty().addListener(track);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> remember(stage, split, state, normal[0]));
    }

    /** Puts a window of {@code width} x {@code height} over the middle of {@code owner}, on its screen. */
    public static void showCentredOn(Stage child, Window owner, double width, double height) {
        Rectangle2D screen = screenOf(owner);
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        Rectangle2D over = owner == null || Double.isNaN(owner.getX()) ? screen
                : new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
        double x = Math.max(screen.getMinX(), Math.min(over.getMinX() + (over.getWidth() - w) / 2, screen.getMaxX() - w));
        double y = Math.max(screen.getMinY(), Math.min(over.getMinY() + (over.getHeight() - h) / 2, screen.getMaxY() - h));
        Rectangle2D bounds = new Rectangle2D(x, y, w, h);
        apply(child, bounds);
        child.show();
        Platform.runLater(() -> apply(child, bounds));
    }

    /**
     * Runs a dialog owned by {@code owner} (a native file dialog, an alert) and maximises the owner again if it
     * was maximised before: with Openbox, a dialog un-maximises the window it belongs to.
     */
    public static <T> T keepingMaximised(Stage owner, java.util.function.Supplier<T> dialog) {
        boolean was = owner != null && owner.isMaximized();
        try {
            return dialog.get();
        } finally {
            if (was) {
                // once the dialog's window is gone; asked at once, the window manager undoes it again
                Platform.runLater(() -> {
                    owner.setMaximized(false);
                    owner.setMaximized(true);
                });
            }
        }
    }

    /**
     * Shows a modal dialog owned by {@code owner}, centred on it, and keeps the owner maximised if it was:
     * with Openbox an alert otherwise opens at the screen's corner and un-maximises the window it belongs to.
     */
    public static <R> java.util.Optional<R> showAndWait(javafx.scene.control.Dialog<R> dialog, Stage owner) {
        if (owner != null) {
            // once the window manager has mapped it: placed at once, Openbox moves it again
            dialog.setOnShown(e -> Platform.runLater(() -> {
                dialog.setX(owner.getX() + (owner.getWidth() - dialog.getWidth()) / 2);
                dialog.setY(owner.getY() + (owner.getHeight() - dialog.getHeight()) / 3);
            }));
        }
        return keepingMaximised(owner, dialog::showAndWait);
    }

    private static Rectangle2D centred(Rectangle2D screen, double w, double h) {
        double cw = Math.min(w, screen.getWidth());
        double ch = Math.min(h, screen.getHeight());
        return new Rectangle2D(screen.getMinX() + (screen.getWidth() - cw) / 2,
                screen.getMinY() + (screen.getHeight() - ch) / 2, cw, ch);
    }

    private static void apply(Stage stage, Rectangle2D b) {
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
    }

    /** Palette and inspector widths in pixels: the canvas takes what is left. */
    static void setSideWidths(SplitPane split, double palette, double side) {
        double total = split.getWidth();
        if (total <= 0 || palette <= 0 || side <= 0 || palette + side >= total - 200) {
            return;
        }
        split.setDividerPositions(palette / total, 1 - side / total);
    }

    private static void remember(Stage stage, SplitPane split, Path state, Rectangle2D normal) {
        double[] d = split.getDividerPositions();
        double total = split.getWidth();
        try {
            new WindowGeometry(normal.getMinX(), normal.getMinY(), normal.getWidth(), normal.getHeight(),
                    stage.isMaximized(), d.length > 1 ? d[0] * total : 0, d.length > 1 ? (1 - d[1]) * total : 0)
                    .write(state);
        } catch (IOException | RuntimeException e) {
            // the next start places the window afresh; nothing to tell the user on the way out
        }
    }
}
