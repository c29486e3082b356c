package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.SampleBlocks;

/** {@code export --fused --int8 --calibrate DATA}: writes a QDQ model ORT runs with QLinearConv; bad input writes nothing. */
class Int8ExportCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples");

    /** A RepVGG block on the built-in data's [1, 32, 32] images. */
    private static Path grayBlock(Path dir) throws Exception {
        Path p = dir.resolve("gray.json");
        DesignIO.write(p, DesignFile.of("gray", "RepVGG block on 1-channel images", "RepVGG",
                SampleBlocks.repvgg(1, 8, 32, 1)));
        return p;
    }

    @Test
    void writesAnInt8ModelThatRunsIntegerConvs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", grayBlock(dir).toString(), "--fused", "--int8", "--calibrate", "builtin",
                "--calibration-batches", "2", "--calibration-batch", "8", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 0);
        assertTrue(r.out().contains("QLinearConv"), r.out());
        assertTrue(r.out().contains("calibrated min-max on 16"), r.out());
    }

    @Test
    void int8WithoutCalibrationDataIsRefusedAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", grayBlock(dir).toString(), "--fused", "--int8", "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--int8 needs --calibrate DATA"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingDatasetIsRefusedAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", grayBlock(dir).toString(), "--fused", "--int8", "--calibrate",
                "mnist:" + dir.resolve("none"), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("error: dataset mnist:") && r.err().contains("no such folder"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aDesignWithNothingFusedIsRefused(@TempDir Path dir) throws Exception {
        Path fused = dir.resolve("fused.json");
        assertEquals(0, CliRun.of("fuse", grayBlock(dir).toString(), "-o", fused.toString()).code());
        Path out = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", fused.toString(), "--fused", "--int8", "--calibrate", "builtin", "-o",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("fused.json: nothing was fused"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void int8NeedsTheFusedForm(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("export", SAMPLES.resolve("repvgg-s1.json").toString(), "--unfused", "--int8",
                "--calibrate", "builtin", "-o", dir.resolve("m.onnx").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--int8 needs --fused"), r.err());
    }
}
