package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.io.DesignIO;

/** {@code train} checks its outputs before training, and never drops trained results when saving fails. */
class TrainOutputsTest {

    private static final String[] QUICK = {"--epochs", "1", "--copies", "1", "--batch", "32", "--max-train", "64",
        "--max-test", "32"};

    @TempDir
    Path dir;

    private static String[] args(Path design, String... more) {
        return Stream.concat(Stream.of("train", design.toString()), Stream.concat(Stream.of(QUICK), Stream.of(more)))
                .toArray(String[]::new);
    }

    @Test
    void readOnlyFolderIsRefusedBeforeTraining() throws Exception {
        Path design = OutputPathsTest.designWithWeights(dir, "d", "d.rsw");
        FolderSnapshot before = FolderSnapshot.of(dir);
        try (ReadOnlyFolder locked = ReadOnlyFolder.make(dir)) {
            CliRun r = CliRun.of(args(design));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("train's output " + dir.resolve("d.trained.json") + ": the folder " + dir
                    + " is not writable"), r.err());
            assertTrue(r.err().contains("--no-save"), r.err());
            assertTrue(!r.err().contains("steps on"), "trained before refusing: " + r.err());
        }
        assertEquals(before, FolderSnapshot.of(dir));
    }

    @Test
    void trainedWeightsWouldOverwriteTheDesignsSidecar() throws Exception {
        Path design = OutputPathsTest.designWithWeights(dir, "d", "d.trained.rsw");
        FolderSnapshot before = FolderSnapshot.of(dir);
        CliRun r = CliRun.of(args(design));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("train's output " + dir.resolve("d.trained.rsw") + " is the design's weights"
                + " sidecar"), r.err());
        assertEquals(before, FolderSnapshot.of(dir));
    }

    /** The folder turns read-only while training runs: the results land in a rescue folder, said on stderr. */
    @Test
    void saveFailingAfterTrainingRescuesTheResults() throws Exception {
        Path design = OutputPathsTest.designWithWeights(dir, "d", "d.rsw");
        FolderSnapshot before = FolderSnapshot.of(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ReadOnlyFolder[] locked = new ReadOnlyFolder[1];
        int code;
        try {
            // "training d.json on ..." is printed after the output check and before the first step
            System.setErr(new PrintStream(new LockOnTraining(err, () -> locked[0] = ReadOnlyFolder.make(dir)), true,
                    StandardCharsets.UTF_8));
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            code = RepStudioCli.execute(args(design));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
            if (locked[0] != null) {
                locked[0].close();
            }
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(locked[0] != null, text);
        assertEquals(before, FolderSnapshot.of(dir), "the read-only folder changed");
        Matcher m = Pattern.compile("saved the trained results in (\\S+)").matcher(text);
        assertTrue(m.find(), text);
        Path rescue = Path.of(m.group(1));
        try {
            assertTrue(text.contains("warning: could not save the results in " + dir), text);
            assertTrue(DesignIO.readWeights(rescue.resolve("d.trained.json"),
                    DesignIO.read(rescue.resolve("d.trained.json"))).isPresent());
            assertTrue(Files.exists(rescue.resolve("d.train.json")));
        } finally {
            try (Stream<Path> s = Files.walk(rescue)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Passes stderr through and runs an action once, when the line that starts training appears. */
    private static final class LockOnTraining extends OutputStream {
        interface Action {
            void run() throws Exception;
        }

        private final ByteArrayOutputStream sink;
        private final Action action;
        private boolean done;

        LockOnTraining(ByteArrayOutputStream sink, Action action) {
            this.sink = sink;
            this.action = action;
        }

        @Override
        public synchronized void write(int b) {
            sink.write(b);
            if (!done && b == '\n' && sink.toString(StandardCharsets.UTF_8).contains("training d.json on")) {
                done = true;
                try {
                    action.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
