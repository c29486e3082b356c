package org.repstudio.core.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.repstudio.core.algebra.Tensor;

/**
 * Debian's PyTorch under /usr/bin/python3 (a python3 earlier on PATH may lack it), for the tests that run
 * the generated code; .ci/run installs it. Scripts are test resources beside this class.
 */
final class TorchPython {

    static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private TorchPython() {
    }

    /** True when /usr/bin/python3 imports torch and torchvision. */
    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import torch, torchvision").redirectErrorStream(true).start();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs a script from the test resources; its stdout, or an AssertionError with its output. */
    static String run(Path workDir, int timeoutSeconds, String script, String... args) throws Exception {
        Path file = workDir.resolve(script);
        for (String name : List.of(script, "safetensors_io.py")) {
            try (InputStream in = TorchPython.class.getResourceAsStream(name)) {
                Files.write(workDir.resolve(name), in.readAllBytes());
            }
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString()));
        cmd.addAll(List.of(args));
        Path log = workDir.resolve(script + ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " timed out after " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    static Path samplesDir() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("model-core"))) {
            p = p.getParent();
        }
        return p.resolve("samples");
    }

    static Tensor readTensor(Path file, String name) throws IOException {
        return Safetensors.read(Files.readAllBytes(file), file.getFileName().toString()).get(name).toTensor();
    }

    static void writeTensor(Path file, String name, Tensor t) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            Safetensors.write(out, java.util.Map.of(name, RawTensor.ofFloat32(t)), java.util.Map.of());
        }
    }

    /** max|a - b| / max|b|. */
    static double maxRel(Tensor a, Tensor b) {
        return Tensor.maxAbsDiff(a, b) / Math.max(b.maxAbs(), 1e-30);
    }
}
