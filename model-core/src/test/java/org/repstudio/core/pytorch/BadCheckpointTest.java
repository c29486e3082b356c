package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;

/**
 * Checkpoints that must not load, made by real torch.save: each gives exit 2 with a clear message and
 * writes nothing; the malicious pickles (which do run their payload in Python's own torch.load) run
 * nothing here. Good ones in zip, legacy, DDP-prefixed and float16 form load.
 */
class BadCheckpointTest {

    @TempDir
    static Path tmp;
    static Path design;
    static Path marker;
    static String pythonLog;

    @BeforeAll
    static void makeCheckpoints() throws Exception {
        assumeTrue(TorchPython.available(), "needs /usr/bin/python3 with torch (.ci/run installs python3-torch)");
        design = TorchPython.samplesDir().resolve("repvgg-s1.json");
        Path pkg = tmp.resolve("pkg");
        assertEquals(0, CliRun.of("export", design.toString(), "--pytorch", "-o", pkg.toString()).code());
        marker = tmp.resolve("PWNED");
        pythonLog = TorchPython.run(tmp, 120, "bad_checkpoints.py", pkg.toString(), tmp.toString(), marker.toString());
    }

    private static CliRun importing(String checkpoint, Path out) {
        return CliRun.of("import-weights", design.toString(), tmp.resolve(checkpoint).toString(), "-o", out.toString());
    }

    private static void refused(String checkpoint, String... messageParts) {
        Path out = tmp.resolve("out-" + checkpoint + ".json");
        CliRun r = importing(checkpoint, out);
        assertEquals(2, r.code(), r.out() + r.err());
        for (String part : messageParts) {
            assertTrue(r.err().contains(part), "expected '" + part + "' in: " + r.err());
        }
        assertTrue(r.err().contains("nothing written"), r.err());
        assertFalse(Files.exists(out), "wrote " + out);
        assertFalse(Files.exists(out.resolveSibling("out-" + checkpoint + ".rsw")));
    }

    @Test
    void maliciousPicklesAreRefusedWithoutRunningThem() {
        assertTrue(pythonLog.contains("evil_zip.pt runs code in torch.load: True"), pythonLog);
        assertTrue(pythonLog.contains("evil_plain.pt runs code in pickle.load: True"), pythonLog);
        refused("evil_zip.pt", "refused", "system", "tries to run code");
        refused("evil_plain.pt", "refused", "system", "tries to run code");
        assertFalse(Files.exists(marker), "the payload ran");
    }

    @Test
    void truncatedZipMissingKeyWrongShapeAndIntegerDtypeAreClearErrors() {
        refused("truncated.pt", "truncated.pt", "zip");
        refused("missing.pt", "missing 1 key(s)", "(node '");
        refused("wrong_shape.pt", "shape [3, 3]", "needs [16, 16, 3, 3]");
        refused("int_dtype.pt", "torch.int32, not a float type");
    }

    @Test
    void zipLegacyAndDdpCheckpointsLoad() {
        for (String name : new String[] {"good.pt", "good_legacy.pt", "ddp.pt", "half.pt"}) {
            Path out = tmp.resolve("ok-" + name + ".json");
            CliRun r = importing(name, out);
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(Files.exists(out) && Files.exists(tmp.resolve("ok-" + name + ".rsw")), name);
        }
    }
}
