package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesListTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryCommittedSampleSorted() throws Exception {
        List<Samples.Entry> entries = Samples.list(TestFiles.samplesDir());
        assertEquals(SampleCatalog.all().size(), entries.size());
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).path().compareTo(entries.get(i).path()) < 0);
        }
        Samples.Entry a0 = entries.stream().filter(e -> e.path().equals("networks/repvgg-a0.json")).findFirst()
                .orElseThrow();
        assertEquals("RepVGG-A0", a0.name());
        assertEquals(Optional.of(DesignFile.Expect.EXACT), a0.expect());
    }

    @Test
    void walksSubfoldersSkipsOtherFilesAndNamesABrokenOne() throws Exception {
        DesignFile d = DesignFile.of("plain", "no expectation", "", SampleBlocks.repLk(13));
        Files.createDirectories(dir.resolve("b/c"));
        DesignIO.write(dir.resolve("b/c/z.json"), d);
        DesignIO.write(dir.resolve("a.json"), d.withExpect(DesignFile.Expect.REFUSED));
        Files.writeString(dir.resolve("notes.txt"), "not a design");
        assertEquals(List.of(
                new Samples.Entry("a.json", "plain", "no expectation", Optional.of(DesignFile.Expect.REFUSED)),
                new Samples.Entry("b/c/z.json", "plain", "no expectation", Optional.empty())), Samples.list(dir));

        Files.writeString(dir.resolve("b/broken.json"), "{");
        Files.writeString(dir.resolve("a.train.json"), "{\"format\": \"repstudio-train-run\", \"version\": 1}");
        Samples.Listing l = Samples.scan(dir);
        assertEquals(List.of("a.json", "b/c/z.json"), l.designs().stream().map(Samples.Entry::path).toList());
        assertEquals(List.of("a.train.json", "b/broken.json"), l.skipped().stream().map(Samples.Skipped::path).toList());
        assertTrue(l.skipped().get(1).reason().startsWith("broken.json line 1"), l.skipped().get(1).reason());
    }
}
