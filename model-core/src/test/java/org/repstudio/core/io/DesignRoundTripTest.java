package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;

class DesignRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void everySampleSurvivesTextRoundTrip() throws Exception {
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            String json = DesignIO.toJson(s.design());
            DesignFile back = DesignIO.parse(json, s.path());
            assertEquals(s.design(), back, s.path());
            assertEquals(s.design().graph(), back.graph(), s.path());
            assertEquals(json, DesignIO.toJson(back), s.path() + ": writing is canonical");
        }
    }

    @Test
    void everySampleSurvivesFileRoundTrip() throws Exception {
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            Path file = dir.resolve(s.path().replace('/', '_'));
            DesignIO.write(file, s.design());
            assertEquals(s.design(), DesignIO.read(file), s.path());
        }
    }

    @Test
    void everyOpWithNonDefaultFieldsRoundTrips() throws Exception {
        Graph g = new GraphBuilder()
                .add("in", new Op.Input(8, 20, 24))
                .add("c", new Op.Conv(8, 3, 5, 2, 1, new Padding(1, 2, 3, 4), 2, 3, 4, true), "in")
                .add("bn", new Op.BatchNorm(1e-3), "c")
                .add("s", new Op.Scale(), "bn")
                .add("pool", new Op.AvgPool(3, 2, 1, 2, new Padding(0, 1, 1, 0)), "s")
                .add("padz", new Op.Pad(new Padding(1, 0, 0, 1), Op.PadMode.ZERO), "pool")
                .add("padb", new Op.Pad(Padding.of(2), Op.PadMode.BIAS), "bn")
                .add("id", new Op.Identity(), "padz")
                .add("r", new Op.Relu(), "id")
                .add("pr", new Op.PRelu(), "r")
                .add("cat", new Op.Concat(), "pr", "pr")
                .add("sum", new Op.Add(), "cat", "cat", "cat")
                .add("gap", new Op.GlobalAvgPool(), "sum")
                .add("flat", new Op.Flatten(), "gap")
                .add("fc", new Op.Linear(10, false), "flat")
                .add("fc2", new Op.Linear(3, true), "fc")
                .output("out", "fc2")
                .build();
        DesignFile d = DesignFile.of("every op", "", "", g);
        assertEquals(d, DesignIO.parse(DesignIO.toJson(d), "t.json"));
    }

    @Test
    void everyOpKindIsKnownToTheFormat() {
        Set<String> kinds = new HashSet<>();
        for (Class<?> c : Op.class.getPermittedSubclasses()) {
            kinds.add(c.getSimpleName().toLowerCase());
        }
        assertEquals(Set.of("input", "conv", "batchnorm", "scale", "avgpool", "pad", "identity", "add", "concat",
                "relu", "prelu", "globalavgpool", "flatten", "linear", "output", "opaque"), kinds,
                "a new Op needs reading and writing in OpCodec, then this list updated");
        assertEquals(kinds, new HashSet<>(OpCodec.KINDS));
    }

    @Test
    void optionalFieldsRoundTrip() throws Exception {
        Graph g = SampleBlocks.repLk(13);
        DesignFile bare = DesignFile.of("ünïcode \"quoted\" name", "", "", g);
        assertEquals(bare, DesignIO.parse(DesignIO.toJson(bare), "t.json"));
        DesignFile full = bare.withWeights("sub dir/w.rsw").withExpect(DesignFile.Expect.REFUSED)
                .withPositions(Map.of("in", new Position(12.5, -3), "out", new Position(0, 1e6)));
        DesignFile back = DesignIO.parse(DesignIO.toJson(full), "t.json");
        assertEquals(full, back);
        assertEquals(Optional.of("sub dir/w.rsw"), back.weights());
        assertEquals(2, back.positions().size());
    }

    @Test
    void openPortsOfAnUnfinishedDesignAreKept() throws Exception {
        Graph g = new GraphBuilder().input("in", 4, 8, 8).add("a", new Op.Relu(), "in").build()
                .withNode(new org.repstudio.core.graph.Node("sum", new Op.Add()))
                .withEdge(new Edge("a", "sum", 2))
                .withNode(new org.repstudio.core.graph.Node("lonely", new Op.Relu()));
        DesignFile d = DesignFile.of("draft", "", "", g);
        String json = DesignIO.toJson(d);
        assertTrue(json.contains("\"inputs\": [null, null, \"a\"]"), json);
        assertTrue(json.contains("{\"id\": \"lonely\", \"op\": \"relu\", \"inputs\": []}"), json);
        assertEquals(d, DesignIO.parse(json, "t.json"));
    }

    @Test
    void shorthandsAndDefaultsAreAccepted() throws Exception {
        String json = """
                {"format": "repstudio-design", "version": 1, "name": "short", "nodes": [
                  {"id": "in", "op": "input", "channels": 4, "height": 8, "width": 8},
                  {"id": "c", "op": "conv", "inputs": ["in"], "outChannels": 4, "kernel": 3, "padding": 1},
                  {"id": "c2", "op": "conv", "inputs": ["c"], "outChannels": 4, "kernel": [1, 3], "padding": [0, 1]},
                  {"id": "bn", "op": "batchnorm", "inputs": ["c2"], "x": null},
                  {"id": "p", "op": "pad", "inputs": ["bn"], "padding": [1, 2, 3, 4]},
                  {"id": "out", "op": "output", "inputs": ["p"]}
                ]}""";
        DesignFile d = DesignIO.parse(json, "short.json");
        assertEquals(Op.Conv.square(4, 3, 1, 1, 1, false), d.graph().node("c").op());
        assertEquals(new Op.Conv(4, 1, 3, 1, 1, Padding.of(0, 1), 1, 1, 1, false), d.graph().node("c2").op());
        assertEquals(new Op.BatchNorm(1e-5), d.graph().node("bn").op());
        assertEquals(new Op.Pad(new Padding(1, 2, 3, 4), Op.PadMode.ZERO), d.graph().node("p").op());
        assertEquals("", d.description());
        assertEquals(Optional.empty(), d.expect());
        assertTrue(d.positions().isEmpty());
    }

    @Test
    void writtenFileIsOneNodePerLineWithCanonicalFields() {
        String json = DesignIO.toJson(SampleCatalog.find("repvgg-s1.json").orElseThrow().design());
        assertTrue(json.startsWith("{\n  \"format\": \"repstudio-design\",\n  \"version\": 1,\n"), json);
        assertTrue(json.contains("{\"id\": \"conv3x3\", \"op\": \"conv\", \"inputs\": [\"in\"], \"x\": 180, "), json);
        assertTrue(json.contains("\"kernel\": [3, 3], \"stride\": [1, 1], \"padding\": [1, 1, 1, 1], "
                + "\"dilation\": [1, 1], \"groups\": 1, \"bias\": false}"), json);
        assertTrue(json.contains("\"inputs\": [\"bn3x3\", \"bn1x1\", \"bn_id\"]"), json);
        long nodeLines = Arrays.stream(json.split("\n")).filter(l -> l.startsWith("    {\"id\"")).count();
        assertEquals(9, nodeLines);
    }

    @Test
    void wiresTheFormatCannotSayAreRefusedNotDropped() {
        Graph twoOnOnePort = new GraphBuilder().input("in", 4, 8, 8).input("in2", 4, 8, 8)
                .add("r", new Op.Relu(), "in").build().withEdge(new Edge("in2", "r", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DesignIO.toJson(DesignFile.of("x", "", "", twoOnOnePort)));
        assertTrue(e.getMessage().contains("'r'") && e.getMessage().contains("port 0"), e.getMessage());

        Graph dangling = new GraphBuilder().input("in", 4, 8, 8).build().withEdge(new Edge("ghost", "in", 0));
        assertThrows(IllegalArgumentException.class, () -> DesignIO.toJson(DesignFile.of("x", "", "", dangling)));
    }

    @Test
    void graphsWithEqualContentCompareEqualRegardlessOfEdgeOrder() throws Exception {
        DesignFile d = SampleCatalog.find("dbb-k3-s1-g1.json").orElseThrow().design();
        List<Edge> reversed = new java.util.ArrayList<>(d.graph().edges());
        java.util.Collections.reverse(reversed);
        Graph shuffled = new Graph(d.graph().nodes(), reversed);
        assertEquals(d, DesignIO.parse(DesignIO.toJson(d.withGraph(shuffled)), "t.json"));
    }
}
