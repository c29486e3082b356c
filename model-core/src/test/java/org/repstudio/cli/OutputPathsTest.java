package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/**
 * No command writes over a file it reads or writes two outputs to one file, and every output location is
 * checked before the work: each case exits 2, names the option and the path, and leaves every file as it
 * was (bytes, modification time, mode).
 */
class OutputPathsTest {

    @TempDir
    Path dir;

    /** A small design {@code name}.json with its weights in {@code sidecar} (stored, not random). */
    static Path designWithWeights(Path dir, String name, String sidecar) throws Exception {
        DesignFile d = DesignIO.read(CliTest.SAMPLES.resolve("repvgg-s1.json"));
        WeightsIO.write(dir.resolve(sidecar), RandomWeights.generate(d.graph(), 7));
        Path design = dir.resolve(name + ".json");
        DesignIO.write(design, d.withWeights(sidecar));
        return design;
    }

    private CliRun refusedUnchanged(String... args) throws Exception {
        FolderSnapshot before = FolderSnapshot.of(dir);
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(before, FolderSnapshot.of(dir), "files changed: " + r.err());
        assertTrue(r.err().contains("nothing written"), r.err());
        return r;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void exportOverTheDesignItReads() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        CliRun r = refusedUnchanged("export", p("d.json"), "--unfused", "-o", p("d.json"));
        assertTrue(r.err().contains("-o " + p("d.json") + " is the design"), r.err());
    }

    @Test
    void exportOverTheWeightsItReads() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        CliRun r = refusedUnchanged("export", p("d.json"), "--fused", "-o", p("d.rsw"));
        assertTrue(r.err().contains("is the design's weights sidecar"), r.err());
        r = refusedUnchanged("export", p("d.json"), "--fused", "--weights", p("d.rsw"), "-o", p("./d.rsw"));
        assertTrue(r.err().contains("is the --weights file"), r.err());
    }

    @Test
    void newerCommandsKeepTheirInputsToo() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        CliRun r = refusedUnchanged("bench", p("d.json"), "--train", "--steps", "1", "--harness-out", p("d.json"));
        assertTrue(r.err().contains("--harness-out " + p("d.json") + " is the design"), r.err());
        r = refusedUnchanged("import-weights", p("d.json"), p("d.rsw"), "-o", p("d.json"));
        assertTrue(r.err().contains("is the design"), r.err());
        r = refusedUnchanged("export", p("d.json"), "--pytorch", "-o", p("nodir/pkg"));
        assertTrue(r.err().contains("nodir"), r.err());
        designWithWeights(dir, "e", "weights.safetensors"); // a sidecar named as the package's weights file
        r = refusedUnchanged("export", p("e.json"), "--pytorch", "-o", dir.toString());
        assertTrue(r.err().contains("weights.safetensors is the design's weights sidecar"), r.err());
    }

    @Test
    void fuseOverTheDesignItReads() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        CliRun r = refusedUnchanged("fuse", p("d.json"), "-o", p("d.json"));
        assertTrue(r.err().contains("-o " + p("d.json") + " is the design"), r.err());
        r = refusedUnchanged("fuse", p("d.json"), "--trace", p("d.json"));
        assertTrue(r.err().contains("--trace " + p("d.json") + " is the design"), r.err());
    }

    @Test
    void outputsThroughLinksToTheInputs() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("d.json"));
        CliRun r = refusedUnchanged("fuse", p("d.json"), "--trace", p("link.json"));
        assertTrue(r.err().contains("is the design"), r.err());
        Files.createLink(dir.resolve("hard.rsw"), dir.resolve("d.rsw"));
        r = refusedUnchanged("export", p("d.json"), "--fused", "-o", p("hard.rsw"));
        assertTrue(r.err().contains("-o " + p("hard.rsw") + " is the design's weights sidecar"), r.err());
    }

    @Test
    void twoOutputsOfOneFuseOnOneFile() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        CliRun r = refusedUnchanged("fuse", p("d.json"), "-o", p("F.json"), "--trace", p("F.json"));
        assertTrue(r.err().contains("--trace " + p("F.json") + " is also -o"), r.err());
        r = refusedUnchanged("fuse", p("d.json"), "-o", p("F.json"), "--trace", p("F.rsw"));
        assertTrue(r.err().contains("--trace " + p("F.rsw") + " is also the weights beside -o"), r.err());
    }

    @Test
    void fusedSidecarWouldClobberTheWeightsTheDesignReads() throws Exception {
        designWithWeights(dir, "p", "X_fused.rsw");
        CliRun r = refusedUnchanged("fuse", p("p.json"), "-o", p("X_fused.json"));
        assertTrue(r.err().contains("the weights beside -o " + p("X_fused.rsw") + " is the design's weights sidecar"),
                r.err());
    }

    @Test
    void missingFolderIsFoundBeforeTheWork() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        Files.createDirectory(dir.resolve("out"));
        CliRun r = refusedUnchanged("fuse", p("d.json"), "-o", p("nodir/x.json"));
        assertTrue(r.err().contains("-o " + p("nodir/x.json") + ": the folder " + p("nodir") + " does not exist"),
                r.err());
        r = refusedUnchanged("fuse", p("d.json"), "-o", p("out/x.json"), "--trace", p("nodir/t.json"));
        assertTrue(r.err().contains("--trace " + p("nodir/t.json")), r.err());
        r = refusedUnchanged("export", p("d.json"), "--fused", "-o", p("nodir/x.onnx"));
        assertTrue(r.err().contains("does not exist"), r.err());
        r = refusedUnchanged("fuse", p("d.json"), "-o", p("d.rsw/x.json"));
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
        r = refusedUnchanged("fuse", p("d.json"), "--trace", p("out"));
        assertTrue(r.err().contains("is a folder, not a file name"), r.err());
    }

    @Test
    void readOnlyFolderIsFoundBeforeTheWork() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        Path ro = Files.createDirectory(dir.resolve("readonly"));
        try (ReadOnlyFolder locked = ReadOnlyFolder.make(ro)) {
            CliRun r = refusedUnchanged("fuse", p("d.json"), "-o", p("readonly/x.json"));
            assertTrue(r.err().contains("-o " + p("readonly/x.json") + ": the folder " + ro + " is not writable"),
                    r.err());
            r = refusedUnchanged("export", p("d.json"), "--unfused", "-o", p("readonly/x.onnx"));
            assertTrue(r.err().contains("is not writable"), r.err());
        }
    }

    @Test
    void refusedDesignWritesNothingUnlessPartialIsAllowed() throws Exception {
        Path design = dir.resolve("zero-pad.json");
        Files.copy(CliTest.SAMPLES.resolve("refused/dbb-zero-pad.json"), design);
        FolderSnapshot before = FolderSnapshot.of(dir);
        CliRun r = CliRun.of("fuse", design.toString(), "-o", p("f.json"), "--trace", p("t.json"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("nothing written (--allow-partial"), r.err());
        assertEquals(before, FolderSnapshot.of(dir));

        r = CliRun.of("fuse", design.toString(), "-o", p("f.json"), "--trace", p("t.json"), "--allow-partial");
        assertEquals(1, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("f.json")) && Files.exists(dir.resolve("f.rsw"))
                && Files.exists(dir.resolve("t.json")));
    }

    @Test
    void traceKeepsTheModeOfTheFileItReplaces() throws Exception {
        designWithWeights(dir, "d", "d.rsw");
        Path trace = dir.resolve("t.json");
        Files.writeString(trace, "old");
        Files.setPosixFilePermissions(trace, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, CliRun.of("fuse", p("d.json"), "--trace", trace.toString()).code());
        assertEquals("rw-r--r--", FolderSnapshot.state(trace).mode());
        assertFalse(Files.readString(trace).equals("old"));
    }
}
