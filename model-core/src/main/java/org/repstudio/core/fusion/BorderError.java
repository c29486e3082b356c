package org.repstudio.core.fusion;

import org.repstudio.core.algebra.Tensor;

/**
 * Where two [1, C, H, W] outputs differ: per pixel (the largest difference over the channels), and the
 * largest difference on the border (within {@code reachH} rows or {@code reachW} columns of an edge, where
 * padding acts) and inside it. Zero padding after a biased op shows as a border error with a clean interior.
 *
 * @param map      [H, W] max over channels of |expected - actual|
 * @param border   largest difference within reach of an edge
 * @param interior largest difference elsewhere
 */
public record BorderError(double[][] map, double border, double interior) {

    /** The difference of two outputs of the same shape. */
    public static BorderError measure(Tensor expected, Tensor actual, int reachH, int reachW) {
        int c = expected.dim(1);
        int h = expected.dim(2);
        int w = expected.dim(3);
        double[][] map = new double[h][w];
        double border = 0;
        double interior = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int k = (ch * h + i) * w + j;
                    double d = Math.abs(expected.data()[k] - actual.data()[k]);
                    map[i][j] = Math.max(map[i][j], d);
                    boolean edge = i < reachH || j < reachW || i >= h - reachH || j >= w - reachW;
                    if (edge) {
                        border = Math.max(border, d);
                    } else {
                        interior = Math.max(interior, d);
                    }
                }
            }
        }
        return new BorderError(map, border, interior);
    }
}
