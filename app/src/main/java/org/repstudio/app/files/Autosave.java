package org.repstudio.app.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * Keeps unsaved work safe. While the editor runs, a marker file says a session is open; unsaved work is
 * written (atomically) to {@code autosave.json} beside it. A clean exit removes both. If the next start
 * finds the marker still there (the editor crashed or was killed) and an autosave, it offers to recover.
 */
public final class Autosave {

    public static final String MARKER = "session.running";
    public static final String FILE = "autosave.json";
    public static final String SOURCE = "autosave.source";

    private final Path dir;

    public Autosave(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Work left by a session that did not exit cleanly: the autosaved design and the file it came from
     * (if it had one). Call before {@link #begin()}.
     */
    public Optional<Recovery> pending() {
        Path file = dir.resolve(FILE);
        if (!Files.exists(dir.resolve(MARKER)) || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            DesignFile design = DesignIO.read(file);
            Path source = null;
            Path src = dir.resolve(SOURCE);
            if (Files.exists(src)) {
                String s = Files.readString(src, StandardCharsets.UTF_8).trim();
                source = s.isEmpty() ? null : Path.of(s);
            }
            return Optional.of(new Recovery(design, source));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A design recovered from an autosave, and the file it had been opened from (null for a new one). */
    public record Recovery(DesignFile design, Path source) {
    }

    /** Marks a session as running. */
    public void begin() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), Long.toString(ProcessHandle.current().pid()));
    }

    /** Writes the unsaved design (atomically) and where it came from. */
    public void save(DesignFile design, Path source) throws IOException {
        Files.createDirectories(dir);
        DesignIO.write(dir.resolve(FILE), design);
        Files.writeString(dir.resolve(SOURCE), source == null ? "" : source.toAbsolutePath().toString(),
                StandardCharsets.UTF_8);
    }

    /** Drops the autosave (the work was saved, or thrown away on purpose). */
    public void discard() throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
        Files.deleteIfExists(dir.resolve(SOURCE));
    }

    /** A clean exit: no autosave and no marker left behind. */
    public void end() throws IOException {
        discard();
        Files.deleteIfExists(dir.resolve(MARKER));
    }
}
