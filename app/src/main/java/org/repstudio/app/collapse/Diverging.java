package org.repstudio.app.collapse;

/**
 * A diverging colour scale for signed values: blue for negative, white at zero, red for positive,
 * symmetric around zero so equal magnitudes get equal saturation. Pure: returns packed 0xRRGGBB.
 */
public final class Diverging {

    private static final int[] NEG = {0x2c, 0x6b, 0xc4};
    private static final int[] MID = {0xf7, 0xf7, 0xf7};
    private static final int[] POS = {0xc8, 0x3a, 0x32};

    private Diverging() {
    }

    /** The colour of {@code v} on a scale from {@code -absMax} to {@code +absMax} (clamped). */
    public static int rgb(double v, double absMax) {
        double t = absMax > 0 && !Double.isNaN(v) ? Math.max(-1, Math.min(1, v / absMax)) : 0;
        int[] end = t < 0 ? NEG : POS;
        double a = Math.abs(t);
        int r = (int) Math.round(MID[0] + (end[0] - MID[0]) * a);
        int g = (int) Math.round(MID[1] + (end[1] - MID[1]) * a);
        int b = (int) Math.round(MID[2] + (end[2] - MID[2]) * a);
        return (r << 16) | (g << 8) | b;
    }

    /** A one-sided scale for magnitudes (0 white, {@code max} red), for error maps. */
    public static int magnitude(double v, double max) {
        return rgb(Math.abs(v), max);
    }
}
