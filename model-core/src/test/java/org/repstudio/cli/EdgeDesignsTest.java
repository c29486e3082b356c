package org.repstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * Designs at the edges, through the commands: a strided producer before bias padding (A35), Identity and
 * Add on flat tensors, an avg-pool padded more than its kernel, and sizes that do not fit.
 */
class EdgeDesignsTest {

    @TempDir
    Path dir;

    private Path save(String name, Graph g) throws Exception {
        Path p = dir.resolve(name + ".json");
        DesignIO.write(p, DesignFile.of(name, "", "custom", g));
        return p;
    }

    private static GraphBuilder convAfterInput(int c, int h) {
        return new GraphBuilder().input("in", c, h, h);
    }

    @Test
    void a35StridedOneByOneBeforeBiasPaddingFusesIntoOneFiveByFive() throws Exception {
        Path d = save("a35", convAfterInput(4, 8)
                .add("c1", new Op.Conv(4, 1, 1, 2, 2, Padding.NONE, 1, 1, 1, false), "in").bn("bn", "c1")
                .add("pad", new Op.Pad(Padding.of(1), Op.PadMode.BIAS), "bn")
                .add("c3", Op.Conv.square(4, 3, 1, 0, 1, false), "pad").output("out", "c3").build());
        CliRun v = CliRun.of("verify", d.toString(), "--json");
        assertEquals(0, v.code(), v.out() + v.err());
        assertTrue(new ObjectMapper().readTree(v.out()).get("exact").asBoolean());
        Path fused = dir.resolve("fused.json");
        assertEquals(0, CliRun.of("fuse", d.toString(), "-o", fused.toString()).code());
        Op.Conv c = (Op.Conv) DesignIO.read(fused).graph().node("c3").op();
        assertEquals(5, c.kernelH());
        assertEquals(2, c.strideH());
        assertEquals(new Padding(2, 1, 2, 1), c.padding());
        CliRun e = CliRun.of("export", d.toString(), "--fused", "-o", dir.resolve("a35.onnx").toString(), "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(1, new ObjectMapper().readTree(e.out()).get("nodeCounts").get("Conv").asInt());
    }

    @ParameterizedTest
    @CsvSource({"identity", "add"})
    void identityAndAddOnFlatTensorsAreLeftAlone(String kind) throws Exception {
        GraphBuilder b = convAfterInput(4, 4).add("flat", new Op.Flatten(), "in");
        if (kind.equals("identity")) { // a dropout placeholder between Flatten and Linear
            b.add("drop", new Op.Identity(), "flat").add("fc", new Op.Linear(10, true), "drop").output("out", "fc");
        } else { // add(fc, identity(fc))
            b.add("fc", new Op.Linear(10, true), "flat").add("idn", new Op.Identity(), "fc")
                    .add("sum", new Op.Add(), "fc", "idn").output("out", "sum");
        }
        Path d = save("flat-" + kind, b.build());
        CliRun v = CliRun.of("verify", d.toString(), "--json");
        assertEquals(0, v.code(), v.out() + v.err());
        JsonNode o = new ObjectMapper().readTree(v.out());
        assertEquals(0.0, o.get("maxAbsDiff").asDouble());
        assertEquals(o.get("nodesBefore").asInt(), o.get("nodesAfter").asInt(), "left as it is");
        Path fused = dir.resolve("fused-" + kind + ".json");
        CliRun f = CliRun.of("fuse", d.toString(), "-o", fused.toString());
        assertEquals(0, f.code(), f.err());
        assertEquals(DesignIO.read(d).graph().nodes().keySet(), DesignIO.read(fused).graph().nodes().keySet());
        for (String form : new String[] {"--fused", "--unfused"}) {
            CliRun e = CliRun.of("export", d.toString(), form, "-o", dir.resolve(kind + form + ".onnx").toString());
            assertEquals(0, e.code(), form + ": " + e.err());
        }
    }

    @Test
    void avgPoolPaddedMoreThanItsKernelExportsAsTheConvItEquals() throws Exception {
        Path d = save("pool", convAfterInput(3, 6)
                .add("pool", new Op.AvgPool(1, 1, 1, 1, Padding.of(1)), "in").output("out", "pool").build());
        assertEquals(0, CliRun.of("verify", d.toString()).code());
        CliRun e = CliRun.of("export", d.toString(), "--unfused", "-o", dir.resolve("pool.onnx").toString(), "--json");
        assertEquals(0, e.code(), e.err());
        JsonNode o = new ObjectMapper().readTree(e.out());
        assertEquals(1, o.get("nodeCounts").get("Conv").asInt(), e.out());
        assertTrue(o.get("maxRelDiff").asDouble() <= 1e-6);
        // a padding ONNX takes stays an AveragePool
        Path ok = save("pool-ok", convAfterInput(3, 6)
                .add("pool", new Op.AvgPool(3, 3, 2, 2, Padding.of(1)), "in").output("out", "pool").build());
        CliRun e2 = CliRun.of("export", ok.toString(), "--unfused", "-o", dir.resolve("ok.onnx").toString(), "--json");
        assertEquals(1, new ObjectMapper().readTree(e2.out()).get("nodeCounts").get("AveragePool").asInt(), e2.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1000000000 | 1 | 4 | 1 | 0 | 1 | node 'c' (inputs): its weight [4, 1000000000, 1, 1] holds 4.00e+09 values",
        "4 | 8 | 1000000000 | 1 | 0 | 1 | node 'c' (outChannels): the output N x 1000000000 x 8 x 8 holds 6.40e+10",
        "4 | 8 | 4 | 100000 | 50000 | 1 | node 'c' (kernel): its weight [4, 4, 100000, 100000] holds 1.60e+11",
        "4 | 100000 | 4 | 1 | 0 | 1 | node 'in' (shape): the output N x 4 x 100000 x 100000 holds 4.00e+10",
        "4 | 8 | 4 | 3 | 1 | 1073741824 | node 'c' (kernel): kernel 2147483649x2147483649 (dilated) is larger",
        "40000 | 1 | 40000 | 1 | 0 | 1 | node 'c' (weights): the design's 1.60e+09 weights need 12.8 GB as float64"})
    void sizesThatDoNotFitAreRefusedBeforeAllocating(int channels, int size, int out, int k, int pad, int dilation,
                                                      String says) throws Exception {
        Path d = save("big", convAfterInput(channels, size)
                .add("c", new Op.Conv(out, k, k, 1, 1, Padding.of(pad), dilation, dilation, 1, false), "in")
                .output("out", "c").build());
        if (says.contains("GB")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 12.8e9,
                    "this Java may hold 12.8 GB of weights");
        }
        for (String[] args : new String[][] {{"verify", d.toString()}, {"fuse", d.toString(), "-o",
            dir.resolve("f.json").toString()}, {"export", d.toString(), "--fused", "-o", dir.resolve("f.onnx").toString()}}) {
            FolderSnapshot before = FolderSnapshot.of(dir);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), args[0] + ": " + r.err());
            assertTrue(r.err().contains(says), r.err());
            assertEquals(before, FolderSnapshot.of(dir));
        }
    }

    @Test
    void aBatchTooLargeToHoldIsRefused() throws Exception {
        Path d = save("small", convAfterInput(4, 8).add("c", Op.Conv.square(4, 3, 1, 1, 1, false), "in")
                .output("out", "c").build());
        for (String cmd : new String[] {"verify", "bench"}) {
            CliRun r = CliRun.of(cmd, d.toString(), "--batch", "2000000000");
            assertEquals(2, r.code(), cmd + ": " + r.err());
            assertTrue(r.err().contains("batch 2000000000 (an input of [2000000000, 4, 8, 8]) holds 5.12e+11 values"),
                    r.err());
        }
        FolderSnapshot before = FolderSnapshot.of(dir);
        CliRun r = CliRun.of("export", d.toString(), "--fused", "-o", dir.resolve("x.onnx").toString(), "--batch",
                "2000000000");
        assertEquals(2, r.code(), r.err());
        assertEquals(before, FolderSnapshot.of(dir));
        assertTrue(Files.notExists(dir.resolve("x.onnx")));
    }
}
