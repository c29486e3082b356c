package org.repstudio.app.collapse;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A heat map drawn on a canvas: the tiles of a kernel (one small square per (output, input) channel
 * pair, {@link KernelTiles}) or a 2-D map, on the diverging scale, with a legend bar underneath. The
 * value under the cursor goes to {@code onHover} ("w[3,1,0,2] = -0.124").
 */
public final class HeatMap extends Canvas {

    private static final double LEGEND = 26;
    /** Room for the legend's note line, when it has one. */
    private static final double NOTE = 13;
    private static final double GAP = 3;
    private static final Color GRID = Color.rgb(120, 128, 140);
    private static final Font LEGEND_FONT = Font.font(10);

    private double scale;
    private String note = "";

    private HeatMap(double w, double h) {
        super(w, h);
        getStyleClass().add("rs-heatmap");
    }

    /** The largest magnitude on this map's colour scale (the scale runs from -scale, or 0, to +scale). */
    public double scale() {
        return scale;
    }

    /** What the legend says about the scale ("" when the map has its own). */
    public String note() {
        return note;
    }

    static Color color(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** Tiles of {@code t}, each cell at most {@code maxCell} px, the whole at most {@code maxWidth} wide. */
    public static HeatMap of(KernelTiles t, String name, double maxWidth, double maxCell, Consumer<String> onHover) {
        return of(t, name, maxWidth, maxCell, "", onHover);
    }

    /**
     * Tiles of {@code t} as {@link #of(KernelTiles, String, double, double, Consumer)}, with {@code note}
     * (e.g. that the scale is shared with other maps) written under the legend when not empty.
     */
    public static HeatMap of(KernelTiles t, String name, double maxWidth, double maxCell, String note,
                             Consumer<String> onHover) {
        double cell = Math.max(2, Math.min(maxCell, (maxWidth - GAP) / (t.ins() * (t.kw() + 0.5))));
        double tileW = t.kw() * cell;
        double tileH = t.kh() * cell;
        double gap = t.kh() * t.kw() == 1 ? 0 : Math.max(2, cell / 2);
        double width = t.ins() * tileW + (t.ins() - 1) * gap;
        double height = t.outs() * tileH + (t.outs() - 1) * gap;
        Text measure = new Text(note);
        measure.setFont(LEGEND_FONT);
        double noteWidth = note.isEmpty() ? 0 : Math.ceil(measure.getLayoutBounds().getWidth()) + 2;
        HeatMap m = new HeatMap(Math.max(Math.max(width, 160), noteWidth), height + LEGEND
                + (note.isEmpty() ? 0 : NOTE));
        m.note = note;
        GraphicsContext g = m.getGraphicsContext2D();
        for (int o = 0; o < t.outs(); o++) {
            for (int i = 0; i < t.ins(); i++) {
                double x0 = i * (tileW + gap);
                double y0 = o * (tileH + gap);
                for (int y = 0; y < t.kh(); y++) {
                    for (int x = 0; x < t.kw(); x++) {
                        g.setFill(color(t.rgb(o, i, y, x)));
                        g.fillRect(x0 + x * cell, y0 + y * cell, cell, cell);
                    }
                }
                g.setStroke(GRID);
                g.setLineWidth(0.5);
                g.strokeRect(x0 + 0.25, y0 + 0.25, tileW - 0.5, tileH - 0.5);
            }
        }
        m.legend(height + 6, -t.absMax(), t.absMax());
        if (!note.isEmpty()) {
            g.fillText(note, 0, height + 6 + 30);
        }
        m.setOnMouseMoved(e -> {
            int i = (int) (e.getX() / (tileW + gap));
            int o = (int) (e.getY() / (tileH + gap));
            double lx = e.getX() - i * (tileW + gap);
            double ly = e.getY() - o * (tileH + gap);
            if (o < t.outs() && i < t.ins() && lx < tileW && ly < tileH && e.getY() < height) {
                int x = (int) (lx / cell);
                int y = (int) (ly / cell);
                String at = t.kh() * t.kw() == 1 && t.outs() == 1 ? name + "[" + i + "]"
                        : name + "[" + o + "," + i + "," + y + "," + x + "]";
                onHover.accept(at + " = " + String.format("%.4g", t.value(o, i, y, x)));
            }
        });
        m.setOnMouseExited(e -> onHover.accept(""));
        return m;
    }

    /** A [H, W] map of magnitudes (white 0 to red max), each pixel {@code cell} px. */
    public static HeatMap ofMap(double[][] map, double cell, String name, Consumer<String> onHover) {
        int h = map.length;
        int w = map[0].length;
        double max = 0;
        for (double[] row : map) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        HeatMap m = new HeatMap(Math.max(w * cell, 160), h * cell + LEGEND);
        GraphicsContext g = m.getGraphicsContext2D();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g.setFill(color(Diverging.magnitude(map[y][x], max)));
                g.fillRect(x * cell, y * cell, cell, cell);
            }
        }
        g.setStroke(GRID);
        g.setLineWidth(0.5);
        g.strokeRect(0.25, 0.25, w * cell - 0.5, h * cell - 0.5);
        m.legend(h * cell + 6, 0, max);
        double top = max;
        m.setOnMouseMoved(e -> {
            int x = (int) (e.getX() / cell);
            int y = (int) (e.getY() / cell);
            if (x < w && y < h) {
                onHover.accept(name + " at (" + y + ", " + x + ") = " + String.format("%.3g", map[y][x])
                        + " (max " + String.format("%.3g", top) + ")");
            }
        });
        m.setOnMouseExited(e -> onHover.accept(""));
        return m;
    }

    /** A colour bar from {@code lo} to {@code hi} with its end values. */
    private void legend(double y, double lo, double hi) {
        scale = Math.max(Math.abs(lo), Math.abs(hi));
        GraphicsContext g = getGraphicsContext2D();
        double w = Math.min(getWidth(), 160);
        int n = 64;
        double abs = Math.max(Math.abs(lo), Math.abs(hi));
        for (int k = 0; k < n; k++) {
            double v = lo + (hi - lo) * (k + 0.5) / n;
            g.setFill(color(lo < 0 ? Diverging.rgb(v, abs) : Diverging.magnitude(v, abs)));
            g.fillRect(k * w / n, y, w / n + 0.5, 7);
        }
        g.setStroke(GRID);
        g.setLineWidth(0.5);
        g.strokeRect(0.25, y + 0.25, w - 0.5, 7);
        g.setFill(Color.rgb(110, 118, 130));
        g.setFont(LEGEND_FONT);
        g.fillText(String.format("%.3g", lo), 0, y + 18);
        String mid = lo < 0 ? "0" : "";
        g.fillText(mid, w / 2 - 3, y + 18);
        String top = String.format("%.3g", hi);
        g.fillText(top, w - 6 * top.length(), y + 18);
    }
}
