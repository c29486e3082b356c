package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.repstudio.cli.RepStudioCli;

/** Main's dispatch between the editor and the headless CLI. */
class MainTest {

    @Test
    void noArgumentsStartTheEditor() {
        Main.Request r = Main.Request.of();
        assertEquals(Main.Mode.EDITOR, r.mode());
        assertNull(r.file());
    }

    @Test
    void openStartsTheEditorOnTheFile() {
        Main.Request r = Main.Request.of("open", "samples/repvgg.json");
        assertEquals(Main.Mode.EDITOR, r.mode());
        assertEquals(Path.of("samples/repvgg.json"), r.file());
    }

    @Test
    void openWithoutExactlyOneFileIsAUsageError() {
        assertEquals(Main.Mode.USAGE_ERROR, Main.Request.of("open").mode());
        assertEquals(Main.Mode.USAGE_ERROR, Main.Request.of("open", "a.json", "b.json").mode());
    }

    @Test
    void everythingElseGoesToTheCli() {
        assertEquals(Main.Mode.CLI, Main.Request.of("--help").mode());
        assertEquals(Main.Mode.CLI, Main.Request.of("fuse", "x.json").mode());
        assertEquals(Main.Mode.COLLAPSE_FRAMES, Main.Request.of("collapse", "x.json", "--frames", "d").mode(),
                "collapse renders with JavaFX, so the app runs it, not model-core's CLI");
        assertEquals(0, RepStudioCli.execute("--help"));
    }

    /** The real main in a fresh JVM: exit code of the CLI, and not one JavaFX class loaded. */
    @Test
    void headlessCommandRunsTheCliWithoutJavaFx() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version"))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("RepStudio 0.1.0"), out);
        assertTrue(out.contains(RepStudioCli.class.getName()), "class loading was not logged");
        assertFalse(out.lines().anyMatch(l -> l.contains(" javafx.")), "a JavaFX class was loaded");
    }

    @Test
    void theCudaProbeIsQuietUnlessTheUserAsksForIt() {
        String before = System.getProperty(Main.CUDA_PROBE_LOG);
        try {
            System.clearProperty(Main.CUDA_PROBE_LOG);
            Main.quietCudaProbe();
            assertEquals("error", System.getProperty(Main.CUDA_PROBE_LOG));
            System.setProperty(Main.CUDA_PROBE_LOG, "warn");
            Main.quietCudaProbe();
            assertEquals("warn", System.getProperty(Main.CUDA_PROBE_LOG), "the user's choice is kept");
        } finally {
            if (before == null) {
                System.clearProperty(Main.CUDA_PROBE_LOG);
            } else {
                System.setProperty(Main.CUDA_PROBE_LOG, before);
            }
        }
    }
}
