package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import java.util.Optional;
import org.repstudio.core.graph.Weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps samples/ equal to {@link SampleCatalog}. To regenerate the files after changing the catalog:
 * {@code mvn -o -pl model-core test -Dtest=SampleFilesTest -Drepstudio.writeSamples=true}.
 */
class SampleFilesTest {

    private static final String REGENERATE = "; regenerate with -Drepstudio.writeSamples=true";

    @Test
    void committedFilesEqualTheCatalog() throws IOException {
        Path samples = TestFiles.samplesDir();
        if (Boolean.getBoolean("repstudio.writeSamples")) {
            for (SampleCatalog.Sample s : SampleCatalog.all()) {
                Path file = samples.resolve(s.path());
                Files.createDirectories(file.getParent());
                DesignIO.write(file, s.design());
                Optional<Weights> w = SampleCatalog.storedWeights(s.path());
                if (w.isPresent()) {
                    WeightsIO.write(file.resolveSibling(s.design().weights().orElseThrow()), w.get());
                }
            }
        }
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            Path file = samples.resolve(s.path());
            assertTrue(Files.isRegularFile(file), file + " is missing" + REGENERATE);
            assertEquals(s.design(), DesignIO.read(file), s.path() + " differs from SampleCatalog" + REGENERATE);
            Optional<Weights> w = SampleCatalog.storedWeights(s.path());
            if (w.isPresent()) {
                Weights stored = DesignIO.readWeights(file, s.design()).orElseThrow();
                for (var node : w.get().byNode().entrySet()) {
                    for (var p : node.getValue().entrySet()) {
                        assertArrayEquals(p.getValue().toFloats(), stored.get(node.getKey(), p.getKey()).toFloats(),
                                s.path() + " weights of " + node.getKey() + REGENERATE);
                    }
                }
            }
        }
        TreeSet<String> expected = new TreeSet<>();
        SampleCatalog.all().forEach(s -> expected.add(s.path()));
        assertEquals(expected, new TreeSet<>(jsonFilesUnder(samples)), "stray or missing sample files");
    }

    private static List<String> jsonFilesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
