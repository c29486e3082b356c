package org.repstudio.app.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The most recently opened or saved designs, newest first, kept one path a line in a text file. */
public final class RecentFiles {

    public static final int MAX = 8;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    public List<Path> list() {
        if (!Files.exists(store)) {
            return List.of();
        }
        try {
            return Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Path::of).limit(MAX).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Puts {@code file} first; a failure to remember it is not worth bothering the user with. */
    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(list());
        files.remove(abs);
        files.add(0, abs);
        List<String> lines = files.stream().limit(MAX).map(Path::toString).toList();
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the list is a convenience
        }
    }
}
