package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example in docs/format.md is real: it parses and is the repvgg-s1 sample plus a sidecar name. */
class FormatDocTest {

    @Test
    void docExampleIsTheRepvggSample() throws Exception {
        String doc = Files.readString(TestFiles.repoRoot().resolve(Path.of("docs", "format.md")));
        int start = doc.indexOf("```json\n");
        assertTrue(start >= 0, "docs/format.md has no ```json example");
        String example = doc.substring(start + 8, doc.indexOf("```", start + 8));
        DesignFile d = DesignIO.parse(example, "format.md");
        DesignFile sample = SampleCatalog.find("repvgg-s1.json").orElseThrow().design();
        assertEquals(Optional.of("repvgg-s1.rsw"), d.weights());
        assertEquals(sample.withWeights("repvgg-s1.rsw"), d);
    }
}
