package org.repstudio.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a design's training outputs go: beside the design, except for a bundled sample, whose outputs go to
 * the user's folder ({@code state/runs/samples/...}) so that {@code samples/} holds only designs.
 *
 * @param samples the bundled samples folder ({@code <repstudio.home>/samples})
 * @param state   the user's RepStudio folder ({@code repstudio.state}, else {@code ~/.repstudio})
 */
public record RunFolders(Path samples, Path state) {

    public RunFolders {
        samples = real(samples);
        state = state.toAbsolutePath().normalize();
    }

    /** From the system properties the launcher sets: {@code repstudio.home} and {@code repstudio.state}. */
    public static RunFolders fromSystem() {
        String h = System.getProperty("repstudio.home");
        String s = System.getProperty("repstudio.state");
        Path home = Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.dir"));
        Path state = s != null && !s.isBlank() ? Path.of(s) : Path.of(System.getProperty("user.home"), ".repstudio");
        return new RunFolders(home.resolve("samples"), state);
    }

    /** The folder the training outputs of {@code designFile} are written to and looked up in. */
    public Path folderFor(Path designFile) {
        Path dir = real(designFile.toAbsolutePath().getParent());
        if (dir.startsWith(samples)) {
            return state.resolve("runs").resolve("samples").resolve(samples.relativize(dir).toString());
        }
        return dir;
    }

    /** {@code NAME} of {@code NAME.json}: the stem every output of the design starts with. */
    public static String stem(Path designFile) {
        String n = designFile.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }
}
