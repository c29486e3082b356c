package org.repstudio.app.editor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds a long left-to-right layout into bands stacked top to bottom, so a long chain (a whole network, an
 * RMNet stack) fitted to a window stays large enough to read. Column k of band b continues column k of the
 * band above; a band's last column wires back to the first column of the next band. A layout that fits a
 * window at a readable scale (every block sample does) is kept as it is.
 */
final class BandWrap {

    /** Below this fitted scale box text is too small to read: only then is a layout folded. */
    static final double READABLE_SCALE = 0.35;
    /** The canvas of a window of the default size, that the folding aims to fill. */
    static final double VIEW_WIDTH = 930;
    static final double VIEW_HEIGHT = 700;
    /** Vertical space between two bands, for the wires that run back to the left. */
    static final double BAND_GAP = 90;

    private BandWrap() {
    }

    /** {@code pos} with columns {@code column} apart, folded into the number of bands that shows it largest. */
    static Map<String, Pos> wrap(Map<String, Pos> pos, double column) {
        if (pos.isEmpty()) {
            return pos;
        }
        double maxX = pos.values().stream().mapToDouble(Pos::x).max().orElse(0);
        double minY = pos.values().stream().mapToDouble(Pos::y).min().orElse(0);
        double maxY = pos.values().stream().mapToDouble(Pos::y).max().orElse(0);
        int columns = (int) Math.round(maxX / column) + 1;
        double bandHeight = maxY - minY + DesignStates.BOX_HEIGHT + BAND_GAP;
        if (fittedScale(columns, 1, column, bandHeight) >= READABLE_SCALE) {
            return pos;
        }
        int bands = 1;
        for (int b = 2; b <= columns; b++) {
            if (fittedScale(columns, b, column, bandHeight) > fittedScale(columns, bands, column, bandHeight)) {
                bands = b;
            }
        }
        int perBand = ceilDiv(columns, bands);
        Map<String, Pos> out = new LinkedHashMap<>();
        for (Map.Entry<String, Pos> e : pos.entrySet()) {
            int c = (int) Math.round(e.getValue().x() / column);
            out.put(e.getKey(), new Pos((c % perBand) * column, e.getValue().y() + (c / perBand) * bandHeight));
        }
        return out;
    }

    /** The scale at which {@code columns} columns in {@code bands} bands fit the default view. */
    private static double fittedScale(int columns, int bands, double column, double bandHeight) {
        double width = (ceilDiv(columns, bands) - 1) * column + DesignStates.BOX_WIDTH;
        double height = bands * bandHeight - BAND_GAP;
        return Math.min(VIEW_WIDTH / width, VIEW_HEIGHT / height);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
