package org.repstudio.app.charts;

import java.awt.Color;
import java.awt.Font;
import org.repstudio.app.fx.Theme;

/**
 * Colours and fonts of the charts. JFreeChart draws with Java2D, out of CSS's reach, so each theme's colours
 * are repeated here from assets/themes (surface, text, muted text, border, accent, merge orange).
 *
 * @param background chart and plot background (the theme's surface)
 * @param text       titles and tick labels
 * @param muted      subtitles and axis labels
 * @param grid       grid lines and the plot outline
 * @param unfused    bars of the unfused (train-time) design
 * @param fused      bars of the fused design
 * @param plain      bars of the plain conv reference
 * @param int8       bars of the fused design quantized to INT8
 */
public record ChartPalette(Color background, Color text, Color muted, Color grid, Color unfused, Color fused,
                           Color plain, Color int8) {

    public static final ChartPalette LIGHT = new ChartPalette(new Color(0xffffff), new Color(0x1d2330),
            new Color(0x667085), new Color(0xe1e5eb), new Color(0xd0731a), new Color(0x3567d6), new Color(0x98a2b3),
            new Color(0x0f8a7e));
    public static final ChartPalette DARK = new ChartPalette(new Color(0x262a32), new Color(0xe4e7ec),
            new Color(0x98a1b1), new Color(0x3a404c), new Color(0xe08a3c), new Color(0x5b8cf0), new Color(0x7a8497),
            new Color(0x3cc2b2));

    public static ChartPalette of(Theme theme) {
        return theme == Theme.DARK ? DARK : LIGHT;
    }

    static Font title() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 16);
    }

    static Font subtitle() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }

    static Font tick() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }

    static Font label() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 11);
    }
}
