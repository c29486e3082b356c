package org.repstudio.app.fx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.repstudio.core.io.AtomicFiles;

/**
 * Where the main window was and how its panels were split when it was last closed: its normal (not
 * maximised) bounds, whether it was maximised, and the widths of the palette and of the inspector column.
 * Kept in {@code window.json} of the state folder; a missing or damaged file means "place it afresh".
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized,
                             double paletteWidth, double sideWidth) {

    public static final String FILE_NAME = "window.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The geometry saved in {@code stateDir}, if there is a readable one. */
    public static Optional<WindowGeometry> read(Path stateDir) {
        Path f = stateDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            WindowGeometry g = JSON.readValue(f.toFile(), WindowGeometry.class);
            return g.width() > 0 && g.height() > 0 ? Optional.of(g) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // placed afresh; the next close writes a good file
        }
    }

    /** Writes this geometry to {@code stateDir} (a temporary file renamed over the old one). */
    public void write(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        AtomicFiles.write(stateDir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** The normal bounds. */
    public Rectangle2D bounds() {
        return new Rectangle2D(x, y, width, height);
    }

    /**
     * These bounds moved and shrunk as little as needed to lie on {@code screen} (a screen that got smaller,
     * or a window closed half off it).
     */
    public WindowGeometry within(Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        double nx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double ny = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new WindowGeometry(nx, ny, w, h, maximized, paletteWidth, sideWidth);
    }
}
