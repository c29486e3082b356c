package org.repstudio.app.collapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repstudio collapse DESIGN --frames DIR} as a user runs it: a fresh JVM without a display
 * (DISPLAY unset, no glass.platform given), through {@code org.repstudio.app.Main}.
 */
class CollapseFramesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneFramePerPoseHeadlessAndEveryFrameDiffers() throws Exception {
        Path design = CollapseViewModelTest.SAMPLES.resolve("repvgg-s1.json");
        Path dir = tmp.resolve("frames");
        Files.createDirectories(dir);
        Files.write(dir.resolve("frame-0099.png"), new byte[] {1}); // an earlier, longer render's last frame
        Files.write(dir.resolve("frame-0015.png"), new byte[] {1});
        Files.write(dir.resolve("notes.txt"), new byte[] {2});
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.repstudio.app.Main",
                "collapse", design.toString(), "--frames", dir.toString());
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finishes");
        assertEquals(0, p.exitValue(), out);
        List<Path> frames;
        try (Stream<Path> s = Files.list(dir)) {
            frames = s.filter(f -> f.toString().endsWith(".png") && !f.endsWith("frame-0099.png")).sorted().toList();
        }
        int steps = 4; // repvgg-s1: 3 BN folds/convs and the branch sum (README)
        assertEquals(1 + 3 * steps + 2, frames.size(), out); // the close-up: the branches' rows fold into one
        assertEquals(frames.size(), out.lines().filter(l -> l.startsWith("frame ")).count(), "one line per frame");
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : frames) {
            bytes.add(Files.readAllBytes(f));
        }
        for (int i = 0; i < bytes.size(); i++) {
            for (int j = i + 1; j < bytes.size(); j++) {
                assertFalse(Arrays.equals(bytes.get(i), bytes.get(j)), frames.get(i) + " equals " + frames.get(j));
            }
        }
        assertTrue(out.contains("step 4/4 branch sum (morph)"), out);
        assertTrue(Files.exists(dir.resolve("frame-0099.png")), "frames after a gap are not this render's stale ones");
        assertTrue(out.contains("removed 1 frame(s)"), out);
        assertTrue(Files.exists(dir.resolve("notes.txt")), "other files stay");
    }

    @Test
    void aFileWhereTheFramesFolderShouldBeIsRefusedAndKept() throws Exception {
        Path design = CollapseViewModelTest.SAMPLES.resolve("repvgg-s1.json");
        Path file = tmp.resolve("frames");
        Files.writeString(file, "mine");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> CollapseFramesCommand.framesFolder(file, design));
        assertTrue(e.getMessage().contains("is a file, not a folder; nothing written"), e.getMessage());
        assertEquals("mine", Files.readString(file));
        Path copy = tmp.resolve("frame-0000.png");
        Files.copy(design, copy);
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> CollapseFramesCommand.framesFolder(tmp, copy));
        assertTrue(e.getMessage().contains("is the design"), e.getMessage());
        assertEquals(Files.readString(design), Files.readString(copy), "the design stays as it was");
    }
}
