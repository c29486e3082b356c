package org.repstudio.app.design;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.repstudio.core.io.DesignIO;

/**
 * Reads design files with {@code org.repstudio.core.io.DesignIO}. This is the only class of the app that
 * names DesignIO; app/pom.xml leaves it (and its ServiceLoader registration) out of the build until
 * DesignIO.java exists in model-core.
 *
 * <p>Written against the expected signature {@code DesignIO.read(Path) -> DesignFile} with
 * {@code name()}, {@code graph()} and {@code positions()} (a {@code Map<String, Position>} where
 * {@code Position} has {@code x()} and {@code y()}). The types are only reached through {@code var}, so
 * where DesignFile and Position live does not matter; if a method name differs, fix it here.
 */
public final class DesignIoSource implements DesignSource {

    @Override
    public LoadedDesign load(Path file) throws IOException {
        try {
            var design = DesignIO.read(file);
            Map<String, double[]> positions = new LinkedHashMap<>();
            for (var entry : design.positions().entrySet()) {
                var p = entry.getValue();
                positions.put(entry.getKey(), new double[] {p.x(), p.y()});
            }
            return new LoadedDesign(design.name(), design.graph(), positions);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // Malformed files surface as runtime exceptions in many readers; show their message.
            throw new IOException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }
}
