package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;

/** Saves either fully replace the file or leave the old one as it was, and never leave temp files. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    private final DesignFile design = SampleCatalog.find("repvgg-s1.json").orElseThrow().design();

    @Test
    void writeLeavesOnlyTheTarget() throws Exception {
        Path file = dir.resolve("design.json");
        DesignIO.write(file, design);
        DesignIO.write(file, design.withExpect(DesignFile.Expect.REFUSED)); // overwrite
        assertEquals(List.of("design.json"), TestFiles.names(dir));
        assertEquals(DesignFile.Expect.REFUSED, DesignIO.read(file).expect().orElseThrow());
    }

    @Test
    void saveKeepsTheFilesPermissions() throws Exception {
        Path file = dir.resolve("shared.json");
        Files.writeString(file, "old");
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, perms);
        DesignIO.write(file, design);
        assertEquals(perms, Files.getPosixFilePermissions(file));
        Path fresh = dir.resolve("fresh.json");
        DesignIO.write(fresh, design);
        assertTrue(Files.getPosixFilePermissions(fresh).contains(PosixFilePermission.OWNER_READ));
        assertTrue(Files.getPosixFilePermissions(fresh).size() > 2, "not owner-only like a temp file");
    }

    @Test
    void nonFiniteNumbersAreRefusedRatherThanWrittenAsInvalidJson() {
        DesignFile lost = design.withPositions(java.util.Map.of("in", new Position(Double.NaN, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesignIO.toJson(lost));
        assertEquals("cannot save node 'in': x is NaN", e.getMessage());
    }

    @Test
    void relativePathsWork() throws Exception {
        Path file = dir.resolve("a.json");
        DesignIO.write(Path.of("").toAbsolutePath().relativize(file), design);
        assertEquals(design, DesignIO.read(file));
    }

    @Test
    void failingContentKeepsTheOldFile() throws Exception {
        Path file = dir.resolve("design.json");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("design.json"), TestFiles.names(dir));
    }

    @Test
    void failingRenameKeepsTheOldContentAndNoTempFile() throws Exception {
        Path occupied = dir.resolve("taken.json");
        Files.createDirectory(occupied);
        Files.writeString(occupied.resolve("keep.txt"), "mine");
        assertThrows(IOException.class, () -> DesignIO.write(occupied, design));
        assertEquals("mine", Files.readString(occupied.resolve("keep.txt")));
        assertEquals(List.of("taken.json"), TestFiles.names(dir));
    }

    @Test
    void aDesignThatCannotBeSavedLeavesTheOldFile() throws Exception {
        Path file = dir.resolve("design.json");
        DesignIO.write(file, design);
        byte[] before = Files.readAllBytes(file);
        Graph broken = design.graph().withEdge(new Edge("bn3x3", "add", 0)); // a second producer on port 0
        assertThrows(IllegalArgumentException.class, () -> DesignIO.write(file, design.withGraph(broken)));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("design.json"), TestFiles.names(dir));
    }

    @Test
    void weightsAreWrittenAtomicallyToo() throws Exception {
        Path file = dir.resolve("w.rsw");
        WeightsIO.write(file, RandomWeights.generate(design.graph(), 1));
        WeightsIO.write(file, RandomWeights.generate(design.graph(), 2));
        assertEquals(List.of("w.rsw"), TestFiles.names(dir));
    }
}
