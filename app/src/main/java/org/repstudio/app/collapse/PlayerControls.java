package org.repstudio.app.collapse;

import static org.repstudio.app.fx.ToolButtons.icon;
import static org.repstudio.app.fx.ToolButtons.tool;

import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The player's tool bar: back to the editor, restart, step back, play/pause, step forward, jump to the
 * end, the speed slider, the step counter ("step 3 / 12"), the Before/After toggle and the parameter and
 * FLOP figures of both. Speed and the toggle are bound to the {@link CollapseViewModel}; the buttons run
 * the {@link Actions} the view gives, since stepping also drives its animation.
 */
public final class PlayerControls extends ToolBar {

    /** What the buttons do. */
    public record Actions(Runnable close, Runnable restart, Runnable back, Runnable playPause, Runnable forward,
                          Runnable end) {
    }

    private final Label counter = new Label();
    private final Label figures = new Label();
    private final Button play;

    public PlayerControls(CollapseViewModel cvm, Actions actions) {
        Button close = tool("Back to the editor (Escape)", MaterialDesignA.ARROW_LEFT, actions.close());
        close.setText("Editor");
        close.setId("collapse-close");
        Button restart = tool("Restart (Home)", MaterialDesignR.RESTART, actions.restart());
        restart.setId("collapse-restart");
        Button back = tool("Step back (Left)", MaterialDesignS.SKIP_PREVIOUS, actions.back());
        back.setId("collapse-back");
        play = tool("Play / pause (Space)", MaterialDesignP.PLAY, actions.playPause());
        play.setId("collapse-play");
        cvm.playingProperty().addListener((o, a, p) -> play.setGraphic(icon(p ? MaterialDesignP.PAUSE
                : MaterialDesignP.PLAY)));
        Button forward = tool("Step forward (Right)", MaterialDesignS.SKIP_NEXT, actions.forward());
        forward.setId("collapse-forward");
        Button end = tool("Jump to the end (End)", MaterialDesignS.SKIP_FORWARD, actions.end());
        end.setId("collapse-end");
        Slider speed = new Slider(CollapseViewModel.MIN_SPEED, CollapseViewModel.MAX_SPEED, 1);
        speed.setId("collapse-speed");
        speed.setPrefWidth(110);
        speed.setFocusTraversable(false);
        speed.valueProperty().bindBidirectional(cvm.speedProperty());
        speed.setTooltip(new Tooltip("Speed"));
        Label speedText = new Label();
        speedText.getStyleClass().add("rs-collapse-muted");
        speedText.textProperty().bind(cvm.speedProperty().asString("%.2gx"));
        counter.setId("collapse-counter");
        counter.getStyleClass().add("rs-collapse-counter");
        ToggleButton before = new ToggleButton("Before");
        ToggleButton after = new ToggleButton("After");
        ToggleGroup compare = new ToggleGroup();
        before.setToggleGroup(compare);
        after.setToggleGroup(compare);
        before.setId("collapse-before");
        after.setId("collapse-after");
        before.setFocusTraversable(false);
        after.setFocusTraversable(false);
        before.setTooltip(new Tooltip("Show the unfused design"));
        after.setTooltip(new Tooltip("Show the fused design"));
        compare.selectedToggleProperty().addListener((o, a, t) -> cvm.viewProperty().set(
                t == before ? CollapseViewModel.View.BEFORE : t == after ? CollapseViewModel.View.AFTER
                        : CollapseViewModel.View.STEPS));
        cvm.viewProperty().addListener((o, a, v) -> {
            if (v == CollapseViewModel.View.STEPS) {
                compare.selectToggle(null);
            }
        });
        figures.setId("collapse-figures");
        figures.getStyleClass().add("rs-collapse-figures");
        getItems().addAll(close, new Separator(Orientation.VERTICAL), restart, back, play, forward, end,
                new Separator(Orientation.VERTICAL), speed, speedText, new Separator(Orientation.VERTICAL), counter,
                new Separator(Orientation.VERTICAL), before, after, figures);
        getStyleClass().addAll("rs-toolbar", "rs-collapse-controls");
    }

    /** "step 3 / 12". */
    public void setCounter(String text) {
        counter.setText(text);
    }

    /** The before and after parameter and FLOP figures. */
    public void setFigures(String text) {
        figures.setText(text);
    }

    /** Presses play/pause. */
    public void playPause() {
        play.fire();
    }

}
