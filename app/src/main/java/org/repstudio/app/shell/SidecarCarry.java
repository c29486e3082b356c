package org.repstudio.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.train.RunFolders;

/**
 * A design names its weights sidecar relative to its own file, so "Save As" into another folder would
 * leave the copy pointing at a sidecar that is not there: the weights would be lost to it without a word.
 * The sidecar goes with the design instead, as {@code NAME.rsw} beside the new file.
 */
final class SidecarCarry {

    /** The design to write, and the sidecar copied for it (to remove if writing the design fails). */
    record Plan(DesignFile design, Optional<Path> copied) {
    }

    private SidecarCarry() {
    }

    /**
     * Copies {@code design}'s sidecar (named relative to {@code from}) beside {@code to} when the name
     * would no longer reach it; returns the design with the sidecar name that does. A file already at the
     * new sidecar's place is used only when it holds the same bytes; otherwise nothing is written.
     */
    static Plan carry(DesignFile design, Path from, Path to) throws IOException {
        if (from == null || design.weights().isEmpty()) {
            return new Plan(design, Optional.empty());
        }
        Path sidecar = DesignIO.sidecar(from, design).orElseThrow().normalize();
        Path reached = DesignIO.sidecar(to, design).orElseThrow().normalize();
        if (!Files.isRegularFile(sidecar) || sameFile(sidecar, reached)) {
            return new Plan(design, Optional.empty());
        }
        String name = RunFolders.stem(to) + ".rsw";
        Path copy = to.toAbsolutePath().resolveSibling(name);
        if (Files.exists(copy)) {
            if (Files.isRegularFile(copy) && Files.mismatch(copy, sidecar) == -1) {
                return new Plan(design.withWeights(name), Optional.empty());
            }
            throw new IOException(name + " already exists beside " + to.getFileName()
                    + " and holds other weights than " + sidecar.getFileName() + "; nothing saved");
        }
        new WritePlan().reads("the design's weights " + sidecar.getFileName(), sidecar)
                .writes("the design", to).writes("its weights", copy).require();
        AtomicFiles.write(copy, Files.readAllBytes(sidecar));
        return new Plan(design.withWeights(name), Optional.of(copy));
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return a.equals(b) || Files.exists(b) && Files.isSameFile(a, b);
    }
}
