package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

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
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
