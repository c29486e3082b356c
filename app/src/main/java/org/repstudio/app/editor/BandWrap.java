package org.repstudio.app.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Folds a long left-to-right layout into bands stacked top to bottom, so a long chain (a whole network, an
 * RMNet stack) fitted to a window stays large enough to read. The layout's columns (its distinct x
 * positions) are cut into runs of equal count; each run becomes a band, shifted left to start where the
 * first band starts and down below the band above, so spacing inside a band is kept and a band's last
 * column wires back to the first column of the next band. A layout that fits a window at a readable scale
 * (every block sample does) is kept as it is. Works on auto-arranged layouts and on saved ones alike.
 */
final class BandWrap {

    /** Below this fitted scale box text is too small to read: only then is a layout folded. */
    static final double READABLE_SCALE = 0.35;
    /** The canvas of a window of the default size, that the folding aims to fill. */
    static final double VIEW_WIDTH = 930;
    static final double VIEW_HEIGHT = 700;
    /** Vertical space between two bands, for the wires that run back to the left. */
    static final double BAND_GAP = 90;
    /** Boxes whose left edges are closer than this stand in one column. */
    private static final double SAME_COLUMN = 1;

    private BandWrap() {
    }

    /** Whether {@code pos} fitted to a window of the default size would be too small to read. */
    static boolean tooWide(Map<String, Pos> pos) {
        if (pos.isEmpty()) {
            return false;
        }
        List<Double> columns = columns(pos);
        double bandHeight = bandHeight(pos);
        return fittedScale(columns, 1, bandHeight) < READABLE_SCALE;
    }

    /** {@code pos} folded into the number of bands that shows it largest (as it is when it fits already). */
    static Map<String, Pos> wrap(Map<String, Pos> pos) {
        if (!tooWide(pos)) {
            return pos;
        }
        List<Double> columns = columns(pos);
        double bandHeight = bandHeight(pos);
        int bands = 1;
        for (int b = 2; b <= columns.size(); b++) {
            if (fittedScale(columns, b, bandHeight) > fittedScale(columns, bands, bandHeight)) {
                bands = b;
            }
        }
        int perBand = ceilDiv(columns.size(), bands);
        Map<String, Pos> out = new LinkedHashMap<>();
        for (Map.Entry<String, Pos> e : pos.entrySet()) {
            int c = columnOf(columns, e.getValue().x());
            int band = c / perBand;
            double shift = columns.get(band * perBand) - columns.get(0);
            out.put(e.getKey(), new Pos(e.getValue().x() - shift, e.getValue().y() + band * bandHeight));
        }
        return out;
    }

    /** The distinct left edges of the layout, left to right. */
    private static List<Double> columns(Map<String, Pos> pos) {
        TreeSet<Double> xs = new TreeSet<>();
        for (Pos p : pos.values()) {
            Double near = xs.floor(p.x() + SAME_COLUMN);
            if (near == null || p.x() - near > SAME_COLUMN) {
                xs.add(p.x());
            }
        }
        return new ArrayList<>(xs);
    }

    private static int columnOf(List<Double> columns, double x) {
        int best = 0;
        for (int i = 1; i < columns.size(); i++) {
            if (Math.abs(columns.get(i) - x) < Math.abs(columns.get(best) - x)) {
                best = i;
            }
        }
        return best;
    }

    private static double bandHeight(Map<String, Pos> pos) {
        double minY = pos.values().stream().mapToDouble(Pos::y).min().orElse(0);
        double maxY = pos.values().stream().mapToDouble(Pos::y).max().orElse(0);
        return maxY - minY + DesignStates.BOX_HEIGHT + BAND_GAP;
    }

    /** The scale at which the columns cut into {@code bands} bands fit the default view. */
    private static double fittedScale(List<Double> columns, int bands, double bandHeight) {
        int perBand = ceilDiv(columns.size(), bands);
        double width = 0;
        for (int start = 0; start < columns.size(); start += perBand) {
            int end = Math.min(columns.size(), start + perBand) - 1;
            width = Math.max(width, columns.get(end) - columns.get(start));
        }
        width += DesignStates.BOX_WIDTH;
        double height = bands * bandHeight - BAND_GAP;
        return Math.min(VIEW_WIDTH / width, VIEW_HEIGHT / height);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
