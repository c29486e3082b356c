package org.repstudio.app.editor;

/** Top-left corner of a node box on the canvas, in canvas pixels (x right, y down). */
public record Pos(double x, double y) {

    public Pos plus(double dx, double dy) {
        return new Pos(x + dx, y + dy);
    }

    /** This position rounded to the nearest multiple of {@code grid}. */
    public Pos snapped(double grid) {
        return new Pos(Math.round(x / grid) * grid, Math.round(y / grid) * grid);
    }
}
