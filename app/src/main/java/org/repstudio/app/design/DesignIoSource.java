package org.repstudio.app.design;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.repstudio.core.io.DesignIO;

/** Reads design files with {@code org.repstudio.core.io.DesignIO}: name, graph and node positions. */
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
        }
    }
}
