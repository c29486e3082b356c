package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/**
 * Numbers that would only surface later as a misleading result are refused where they enter: NaN,
 * infinite and negative-variance weights when the sidecar is read, NaN and negative tolerances; and
 * --json keeps every number field a number.
 */
class BadNumbersTest {

    @TempDir
    Path dir;

    /** d.json whose sidecar has {@code value} at index 3 of {@code node}'s {@code tensor}. */
    private Path designWithValue(String node, String tensor, double value) throws Exception {
        return designWithValues(node, Map.of(tensor, value));
    }

    /** The same with several tensors of one node changed at index 3. */
    private Path designWithValues(String node, Map<String, Double> values) throws Exception {
        DesignFile d = DesignIO.read(CliTest.SAMPLES.resolve("repvgg-s1.json"));
        Weights w = RandomWeights.generate(d.graph(), 3);
        Map<String, Tensor> params = new LinkedHashMap<>(w.of(node));
        values.forEach((tensor, value) -> {
            Tensor t = params.get(tensor).copy();
            t.data()[3] = value;
            params.put(tensor, t);
        });
        WeightsIO.write(dir.resolve("d.rsw"), w.with(node, params));
        Path design = dir.resolve("d.json");
        DesignIO.write(design, d.withWeights("d.rsw"));
        return design;
    }

    @ParameterizedTest
    @CsvSource({"conv3x3, weight, NaN, is NaN; weights must be finite numbers",
        "bn1x1, gamma, Infinity, is Infinity; weights must be finite numbers",
        "bn_id, mean, -Infinity, is -Infinity; weights must be finite numbers",
        "bn3x3, var, -0.5, is -0.5; a running variance cannot be negative"})
    void badWeightValuesAreRefusedWhenRead(String node, String tensor, double value, String says) throws Exception {
        Path design = designWithValue(node, tensor, value);
        for (String[] args : new String[][] {{"verify", design.toString(), "--json"},
            {"fuse", design.toString(), "-o", dir.resolve("f.json").toString()},
            {"export", design.toString(), "--fused", "-o", dir.resolve("f.onnx").toString()},
            {"bench", design.toString()}}) {
            FolderSnapshot before = FolderSnapshot.of(dir);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), args[0] + ": " + r.out() + r.err());
            assertTrue(r.err().contains("d.rsw: node '" + node + "' tensor '" + tensor + "': value 3 " + says),
                    args[0] + ": " + r.err());
            assertEquals("", r.out(), args[0]);
            assertEquals(before, FolderSnapshot.of(dir), args[0]);
        }
    }

    /** Finite weights whose fused form float32 cannot hold: fuse says so and writes nothing. */
    @Test
    void fusedWeightsBeyondFloat32AreNotWritten() throws Exception {
        Path design = designWithValues("bn3x3", Map.of("gamma", 3e38, "var", 0.0)); // 3e38 / sqrt(1e-5)
        FolderSnapshot before = FolderSnapshot.of(dir);
        CliRun r = CliRun.of("fuse", design.toString(), "-o", dir.resolve("f.json").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the fused weights are not usable: node 'add' tensor 'weight': value "),
                r.err());
        assertTrue(r.err().contains("beyond float32") && r.err().contains("nothing written"), r.err());
        assertEquals(before, FolderSnapshot.of(dir));
    }

    @Test
    void zeroVarianceIsStillAccepted() throws Exception {
        Path design = designWithValue("bn3x3", "var", 0.0);
        assertEquals(0, CliRun.of("verify", design.toString()).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-1", "-Infinity"})
    void toleranceMustBeANumberAtLeastZero(String tolerance) throws Exception {
        Path design = designWithValue("bn3x3", "var", 1.0);
        for (String[] args : new String[][] {{"verify", design.toString(), "--tolerance", tolerance},
            {"export", design.toString(), "--unfused", "-o", dir.resolve("x.onnx").toString(), "--tolerance", tolerance}}) {
            FolderSnapshot before = FolderSnapshot.of(dir);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), args[0] + ": " + r.err());
            assertTrue(r.err().contains("tolerance must be a number >= 0, got " + Double.parseDouble(tolerance)),
                    r.err());
            assertEquals(before, FolderSnapshot.of(dir));
        }
    }

    @Test
    void jsonWritesNonFiniteNumbersAsNullNeverAsStrings() throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("maxRelDiff", Double.POSITIVE_INFINITY);
        o.put("maxAbsDiff", Double.NaN);
        o.put("ok", 1.5);
        o.putArray("epochs").addObject().put("trainLoss", Double.NaN);
        o.putArray("values").add(Double.NEGATIVE_INFINITY).add(2.0);
        JsonNode back = new ObjectMapper().readTree(CliJson.text(o));
        assertTrue(back.get("maxRelDiff").isNull() && back.get("maxAbsDiff").isNull());
        assertEquals(1.5, back.get("ok").doubleValue());
        assertTrue(back.get("epochs").get(0).get("trainLoss").isNull());
        assertTrue(back.get("values").get(0).isNull());
        assertEquals(2.0, back.get("values").get(1).doubleValue());
        assertTrue(Double.isNaN(o.get("maxAbsDiff").doubleValue()), "the caller's object is left as it was");
    }
}
