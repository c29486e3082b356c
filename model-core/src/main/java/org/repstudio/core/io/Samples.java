package org.repstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.repstudio.core.io.DesignFile.Expect;

/**
 * Lists the design files in a samples folder, for the CLI's {@code samples} command and the app's File &gt;
 * Samples; JSON files that are not designs (a training record left by an older version) are passed over.
 */
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

    /**
     * A {@code *.json} file that is no design (a training record, a broken file), and why it was skipped.
     *
     * @param path   path relative to the samples folder, with forward slashes
     * @param reason what reading it as a design said
     */
    public record Skipped(String path, String reason) {
    }

    /** The designs found and the other {@code *.json} files passed over. */
    public record Listing(List<Entry> designs, List<Skipped> skipped) {
    }

    /** Every design under {@code samplesDir}, recursively, sorted by relative path; other files are skipped. */
    public static List<Entry> list(Path samplesDir) throws IOException {
        return scan(samplesDir).designs();
    }

    /**
     * Every {@code *.json} under {@code samplesDir}, recursively, sorted by relative path: the designs, and the
     * files that are not designs (a training run's record, a file that does not read) with the reason.
     *
     * @throws IOException when the folder cannot be walked
     */
    public static Listing scan(Path samplesDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samplesDir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted((a, b) -> relative(samplesDir, a).compareTo(relative(samplesDir, b))).toList();
        }
        List<Entry> designs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path p : files) {
            try {
                DesignFile d = DesignIO.read(p);
                designs.add(new Entry(relative(samplesDir, p), d.name(), d.description(), d.expect()));
            } catch (DesignFormatException e) {
                skipped.add(new Skipped(relative(samplesDir, p), e.getMessage()));
            }
        }
        return new Listing(designs, skipped);
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
