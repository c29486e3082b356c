package org.repstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths the io tests share: the repository's samples folder, and listings of a folder. */
final class TestFiles {

    private TestFiles() {
    }

    /** The repository root: the nearest folder, from the working directory up, that holds model-core. */
    static Path repoRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("model-core"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + System.getProperty("user.dir"));
        }
        return p;
    }

    static Path samplesDir() {
        return repoRoot().resolve("samples");
    }

    /** Names of the entries directly in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
