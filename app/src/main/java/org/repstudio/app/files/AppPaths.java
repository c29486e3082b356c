package org.repstudio.app.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.repstudio.core.io.Samples;
import org.repstudio.core.train.RunFolders;

/**
 * Where the app finds its files: {@code home} is the RepStudio folder (system property
 * {@code repstudio.home}, set by the launcher, else the working directory); samples lie in
 * {@code home/samples}. {@code state} holds the autosave, its clean-exit marker and the recent files.
 */
public record AppPaths(Path home, Path state) {

    public AppPaths {
        home = home.toAbsolutePath().normalize();
        state = state.toAbsolutePath().normalize();
    }

    /** Paths with the editor's own files (autosave, recent files) in {@code home/.repstudio}, as tests use. */
    public AppPaths(Path home) {
        this(home, home.resolve(".repstudio"));
    }

    /**
     * Home from {@code repstudio.home} (else the working directory); the editor's own files in
     * {@code repstudio.state}, else {@code ~/.repstudio}.
     */
    public static AppPaths fromSystem() {
        RunFolders f = RunFolders.fromSystem(); // the same folders the engine saves training runs by
        return new AppPaths(f.samples().getParent(), f.state());
    }

    public Path samples() {
        return home.resolve("samples");
    }

    /** Every design under the samples folder, sorted by relative path; JSON files that are no design are skipped. */
    public List<Path> sampleFiles() {
        Path dir = samples();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try {
            return Samples.list(dir).stream().map(e -> dir.resolve(e.path())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The menu text of a sample: its path under the samples folder without ".json". */
    public String sampleLabel(Path sample) {
        String rel = samples().relativize(sample.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return rel.endsWith(".json") ? rel.substring(0, rel.length() - ".json".length()) : rel;
    }
}
