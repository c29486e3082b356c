package org.repstudio.app.collapse;

import org.repstudio.core.algebra.Tensor;

/**
 * The tiles a kernel heat map draws: one kH x kW tile per (output, input) channel pair of a weight
 * [O, C/g, kH, kW], at most {@code maxOut} x {@code maxIn} pairs (the first ones), all on one colour scale
 * symmetric around zero ({@link #absMax} over the drawn values). A vector (bias, BN gamma, ...) is one row
 * of 1x1 tiles. Pure, so the mapping from tensor to what is drawn is tested without JavaFX.
 *
 * @param outs     output channels drawn (rows of tiles)
 * @param ins      input channels drawn (columns of tiles)
 * @param kh       tile height in cells
 * @param kw       tile width in cells
 * @param values   values[o][i][y * kw + x]
 * @param absMax   largest magnitude drawn (the colour scale runs from -absMax to +absMax)
 * @param totalOut output channels in the tensor
 * @param totalIn  input channels in the tensor
 */
public record KernelTiles(int outs, int ins, int kh, int kw, double[][][] values, double absMax, int totalOut,
                          int totalIn) {

    /** Tiles of a rank-4 weight, or a single row of a rank-1 vector, capped at maxOut x maxIn pairs. */
    public static KernelTiles of(Tensor t, int maxOut, int maxIn) {
        if (t.rank() == 1) {
            int n = t.dim(0);
            int shown = Math.min(n, maxOut * maxIn);
            double[][][] v = new double[1][shown][1];
            double m = 0;
            for (int i = 0; i < shown; i++) {
                v[0][i][0] = t.get(i);
                m = Math.max(m, Math.abs(t.get(i)));
            }
            return new KernelTiles(1, shown, 1, 1, v, m, 1, n);
        }
        if (t.rank() != 4) {
            throw new IllegalArgumentException("a kernel heat map needs a rank-4 weight or a vector, got rank "
                    + t.rank());
        }
        int o = t.dim(0);
        int c = t.dim(1);
        int kh = t.dim(2);
        int kw = t.dim(3);
        int outs = Math.min(o, maxOut);
        int ins = Math.min(c, maxIn);
        double[][][] v = new double[outs][ins][kh * kw];
        double m = 0;
        for (int a = 0; a < outs; a++) {
            for (int b = 0; b < ins; b++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        double d = t.get(a, b, y, x);
                        v[a][b][y * kw + x] = d;
                        m = Math.max(m, Math.abs(d));
                    }
                }
            }
        }
        return new KernelTiles(outs, ins, kh, kw, v, m, o, c);
    }

    /** The same tiles coloured on the scale -{@code absMax}..+{@code absMax} (one shared with other maps). */
    public KernelTiles onScale(double absMax) {
        return new KernelTiles(outs, ins, kh, kw, values, absMax, totalOut, totalIn);
    }

    /** The largest {@link #absMax} of {@code tiles}: a symmetric scale every one of them fits on. */
    public static double sharedScale(java.util.Collection<KernelTiles> tiles) {
        double m = 0;
        for (KernelTiles t : tiles) {
            m = Math.max(m, t.absMax());
        }
        return m;
    }

    /** True when some channel pairs are not drawn. */
    public boolean capped() {
        return outs < totalOut || ins < totalIn;
    }

    /** The value of cell (x, y) of tile (o, i). */
    public double value(int o, int i, int y, int x) {
        return values[o][i][y * kw + x];
    }

    /** The colour of cell (x, y) of tile (o, i) on the shared diverging scale, 0xRRGGBB. */
    public int rgb(int o, int i, int y, int x) {
        return Diverging.rgb(value(o, i, y, x), absMax);
    }

    /** "showing the first 8 x 8 of 16 x 16 channel pairs" when capped, else "". */
    public String capNote() {
        if (!capped()) {
            return "";
        }
        if (kh == 1 && kw == 1 && outs == 1 && totalOut == 1) {
            return "showing the first " + ins + " of " + totalIn + " values";
        }
        return "showing the first " + outs + " x " + ins + " of " + totalOut + " x " + totalIn + " channel pairs";
    }
}
