package org.repstudio.app.fx;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The icon-only tool bar buttons of the main window and the collapse player, styled alike by the themes. */
public final class ToolButtons {

    private ToolButtons() {
    }

    /** An icon the themes colour ({@code rs-icon}). */
    public static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("rs-icon");
        return i;
    }

    /** An icon button with a tooltip; it never takes the keyboard from the canvas. */
    public static Button tool(String tip, Ikon ikon, Runnable action) {
        Button b = new Button(null, icon(ikon));
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("rs-tool");
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
