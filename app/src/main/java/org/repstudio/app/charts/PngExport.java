package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.repstudio.core.io.AtomicFiles;

/** Writes a chart as PNG atomically: to a temporary file beside the target, then renamed over it. */
public final class PngExport {

    /** Size of a saved chart in pixels. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    private PngExport() {
    }

    /** Writes {@code chart} to {@code png} at {@link #WIDTH}×{@link #HEIGHT}; a failure leaves no partial file. */
    public static void write(JFreeChart chart, Path png) throws IOException {
        write(chart, png, WIDTH, HEIGHT);
    }

    public static void write(JFreeChart chart, Path png, int width, int height) throws IOException {
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
