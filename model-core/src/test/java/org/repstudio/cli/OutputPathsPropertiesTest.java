package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.repstudio.core.io.DesignIO;

/**
 * For random commands (fuse, export, verify, train) over file names in one folder (designs, sidecars,
 * outputs, some of them the same file), no command changes a file it reads, a run that exits 2 changes
 * nothing, and a run that exits 0 wrote each output as its own file.
 */
class OutputPathsPropertiesTest {

    /**
     * The folder's names: a.json reads a.rsw, b.json reads x.rsw (what "fuse -o x.json" would write),
     * c.json reads c.trained.rsw (what "train c.json" would write).
     */
    private static final List<String> NAMES = List.of("a.json", "a.rsw", "b.json", "x.rsw", "x.json", "t.json",
            "o.onnx", "./a.json", "sub/../b.json", "c.json", "c.trained.rsw", "a.trained.json");

    /** One command line, its names relative to the folder; null: option not given. */
    record Call(String command, String design, String weights, String output, String trace, boolean partial) {
        List<String> args(Path dir) {
            List<String> a = new ArrayList<>(List.of(command, dir.resolve(design).toString()));
            if (command.equals("train")) {
                a.addAll(List.of("--epochs", "1", "--copies", "1", "--batch", "16", "--max-train", "32",
                        "--max-test", "16"));
            } else if (command.equals("export")) {
                a.add(partial ? "--fused" : "--unfused");
            } else if (partial && command.equals("fuse")) {
                a.add("--allow-partial");
            }
            add(a, "--weights", weights, dir);
            add(a, "-o", output, dir);
            add(a, "--trace", trace, dir);
            return a;
        }

        private static void add(List<String> a, String option, String name, Path dir) {
            if (name != null) {
                a.add(option);
                a.add(dir.resolve(name).toString());
            }
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> name = Arbitraries.of(NAMES);
        Arbitrary<String> maybe = name.injectNull(0.4);
        Arbitrary<String> command = Arbitraries.frequency(Tuple.of(8, "fuse"), Tuple.of(3, "export"),
                Tuple.of(3, "verify"), Tuple.of(1, "train"));
        return Combinators.combine(command, Arbitraries.of("a.json", "b.json", "./a.json", "c.json"), maybe, maybe,
                maybe, Arbitraries.of(true, false)).as((c, d, w, o, t, p) -> new Call(c, d,
                c.equals("train") ? null : w,
                c.equals("verify") || c.equals("train") ? null : c.equals("export") && o == null ? "o.onnx" : o,
                c.equals("fuse") ? t : null, p));
    }

    @Property(tries = 50)
    void noCommandChangesAFileItReads(@ForAll("calls") Call call) throws Exception {
        Path dir = Files.createTempDirectory("output-paths");
        try {
            Files.createDirectory(dir.resolve("sub"));
            OutputPathsTest.designWithWeights(dir, "a", "a.rsw");
            OutputPathsTest.designWithWeights(dir, "b", "x.rsw");
            OutputPathsTest.designWithWeights(dir, "c", "c.trained.rsw"); // what train writes beside c.json
            FolderSnapshot before = FolderSnapshot.of(dir);
            Set<Path> reads = reads(dir, call);
            Map<Path, FolderSnapshot.FileState> readBefore = new java.util.HashMap<>();
            for (Path p : reads) {
                readBefore.put(p, FolderSnapshot.state(p));
            }

            CliRun r = CliRun.of(call.args(dir).toArray(String[]::new));
            Statistics.label("command").collect(call.command());
            Statistics.label("exit").collect(r.code());

            for (Path p : reads) {
                assertEquals(readBefore.get(p), FolderSnapshot.state(p), call + " changed " + p + ": " + r.err());
            }
            if (r.code() == 2) {
                assertEquals(before, FolderSnapshot.of(dir), call + " exited 2 but changed files: " + r.err());
            }
            if (r.code() == 0 && call.output() != null && call.command().equals("fuse")) {
                DesignIO.read(dir.resolve(call.output())); // still a design, not a trace
                assertTrue(Files.exists(FuseCommand.sidecarOf(dir.resolve(call.output()))));
            }
            if (r.code() == 0 && call.trace() != null) {
                assertTrue(new ObjectMapper().readTree(dir.resolve(call.trace()).toFile()).has("steps"), call.toString());
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The files the call reads: the design, the sidecar it names, the --weights file (those that exist). */
    private static Set<Path> reads(Path dir, Call call) throws Exception {
        Set<Path> reads = new HashSet<>();
        Path design = dir.resolve(call.design()).normalize();
        reads.add(design);
        Optional<Path> sidecar = DesignIO.sidecar(design, DesignIO.read(design));
        sidecar.ifPresent(p -> reads.add(p.normalize()));
        if (call.weights() != null && Files.isRegularFile(dir.resolve(call.weights()))) {
            reads.add(dir.resolve(call.weights()).normalize());
        }
        return reads;
    }
}
