package org.repstudio.core.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/** Saves what an import produced: a design file with its weights sidecar, or a fused ONNX file. */
public final class ImportedDesign {

    private ImportedDesign() {
    }

    /** The design of an imported model: no positions (the editor arranges it), weights in {@code <name>.rsw}. */
    public static DesignFile design(ImportedModel m, String sourceName, Optional<String> sidecar) {
        String name = sourceName.replaceFirst("\\.onnx$", "");
        return new DesignFile(name, "imported from " + sourceName + " (ONNX opset " + m.opset() + ", " + m.opaque()
                + " opaque ONNX ops)", "", m.graph(), Map.of(), sidecar, Optional.empty());
    }

    /**
     * Writes {@code DESIGN.json} and its sidecar {@code DESIGN.rsw}, each atomically; the design is written last,
     * so a failure never leaves a design that names a missing sidecar.
     */
    public static DesignFile write(Path designPath, ImportedModel m, String sourceName) throws IOException {
        String base = String.valueOf(designPath.getFileName()).replaceFirst("\\.json$", "");
        Path sidecar = designPath.toAbsolutePath().resolveSibling(base + ".rsw");
        DesignFile d = design(m, sourceName, Optional.of(sidecar.getFileName().toString()));
        boolean existed = Files.exists(sidecar);
        WeightsIO.write(sidecar, m.weights());
        try {
            DesignIO.write(designPath, d);
        } catch (IOException | RuntimeException e) {
            if (!existed) {
                Files.deleteIfExists(sidecar);
            }
            throw e;
        }
        return d;
    }

    /** The fused model's bytes, atomically (a temporary file renamed into place). */
    public static void writeOnnx(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes);
    }
}
