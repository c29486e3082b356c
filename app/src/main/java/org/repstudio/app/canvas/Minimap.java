package org.repstudio.app.canvas;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import org.repstudio.app.editor.Pos;

/**
 * The overview in the editor's lower right corner: every box of the design as a small block and the part
 * in view as a frame; a click or drag there moves the view to that place. Shown only while the design is
 * larger than the view.
 */
final class Minimap extends Canvas {

    static final double WIDTH = 200;
    static final double HEIGHT = 130;
    private static final double PAD = 6;

    private final EditorCanvas editor;
    /** Design coordinates of the map's corner and design units per map pixel, from the last drawing. */
    private double x0;
    private double y0;
    private double unit = 1;

    Minimap(EditorCanvas editor) {
        super(WIDTH, HEIGHT);
        this.editor = editor;
        setId("minimap");
        setManaged(false);
        setVisible(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveView);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveView);
        // the editor's own handlers would start a rubber band or a pan under the map
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    private void moveView(MouseEvent e) {
        editor.centreAt(new Point2D(x0 + (e.getX() - PAD) * unit, y0 + (e.getY() - PAD) * unit));
    }

    /** Draws the boxes and the view frame; hides itself when the whole design is in view. */
    void redraw(List<Pos> boxes, double[] view, boolean dark) {
        if (boxes.isEmpty()) {
            setVisible(false);
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Pos p : boxes) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x() + NodeSkin.WIDTH);
            maxY = Math.max(maxY, p.y() + NodeSkin.HEIGHT);
        }
        boolean allInView = minX >= view[0] && minY >= view[1] && maxX <= view[2] && maxY <= view[3];
        setVisible(!allInView);
        if (allInView) {
            return;
        }
        x0 = minX;
        y0 = minY;
        unit = Math.max((maxX - minX) / (WIDTH - 2 * PAD), (maxY - minY) / (HEIGHT - 2 * PAD));
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        g.setFill(dark ? Color.rgb(38, 42, 50, 0.92) : Color.rgb(255, 255, 255, 0.92));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setStroke(dark ? Color.rgb(90, 98, 114) : Color.rgb(190, 196, 206));
        g.strokeRect(0.5, 0.5, WIDTH - 1, HEIGHT - 1);
        g.setFill(dark ? Color.rgb(140, 150, 170) : Color.rgb(120, 132, 152));
        double bw = Math.max(1.5, NodeSkin.WIDTH / unit);
        double bh = Math.max(1.5, NodeSkin.HEIGHT / unit);
        for (Pos p : boxes) {
            g.fillRect(PAD + (p.x() - x0) / unit, PAD + (p.y() - y0) / unit, bw, bh);
        }
        g.setStroke(Color.rgb(74, 123, 230));
        g.setLineWidth(1.5);
        double vx = PAD + (view[0] - x0) / unit;
        double vy = PAD + (view[1] - y0) / unit;
        g.strokeRect(vx, vy, (view[2] - view[0]) / unit, (view[3] - view[1]) / unit);
    }
}
