package org.repstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.repstudio.core.io.DesignFile.Expect;

/** Lists the design files in a samples folder, for the CLI's {@code samples} command and the app's gallery. */
public final class Samples {

    /**
     * One design file found.
     *
     * @param path        path relative to the samples folder, with forward slashes
     * @param name        the design's title
     * @param description its one-line description
     * @param expect      whether it should fuse exactly or be refused, if it says
     */
    public record Entry(String path, String name, String description, Optional<Expect> expect) {
    }

    private Samples() {
    }

    /** Every {@code *.json} under {@code samplesDir}, recursively, sorted by relative path. */
    public static List<Entry> list(Path samplesDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samplesDir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).toList();
        }
        List<Entry> out = new ArrayList<>();
        for (Path p : files) {
            DesignFile d = DesignIO.read(p);
            out.add(new Entry(relative(samplesDir, p), d.name(), d.description(), d.expect()));
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
