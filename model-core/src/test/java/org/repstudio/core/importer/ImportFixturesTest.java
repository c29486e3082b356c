package org.repstudio.core.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * The committed train-time fixtures (written by scripts/onnx_fixtures.py from PyTorch) import, fuse and match
 * their original file in ONNX Runtime, checked here on a fresh input independently of the certificate.
 */
class ImportFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/onnx");

    @ParameterizedTest
    @ValueSource(strings = {"repvgg-stack", "acb-stack", "mobileone-stack", "repconv-neck", "mixed-ops"})
    void fusedMatchesTheOriginalInOnnxRuntime(String name) throws Exception {
        ImportedModel m = OnnxImporter.read(FIXTURES.resolve(name + ".onnx"));
        ImportFusion.Result r = ImportFusion.fuse(m, ImportFusion.Options.defaults(), 0);
        assertTrue(r.report().withinTolerance(), name + ": " + r.report().maxRelDiff());
        assertFalse(r.report().nothingToFuse(), name);
        assertTrue(r.report().nodesAfter() < r.report().nodesBefore(), name);
        for (RegionReport g : r.report().regions()) {
            assertTrue(g.maxRelDiff() <= 1e-6, name + " region " + g.region() + ": " + g.maxRelDiff());
        }
        double rel = independentMaxRel(Files.readAllBytes(FIXTURES.resolve(name + ".onnx")), r.bytes(), 3, 7);
        assertTrue(rel <= 1e-6, name + ": max rel " + rel);
    }

    @Test
    void fusedRepVggStackHasOneConvPerBlockAndNoBnOrAdd() throws Exception {
        ImportedModel m = OnnxImporter.read(FIXTURES.resolve("repvgg-stack.onnx"));
        ModelProto fused = ModelProto.parseFrom(ImportFusion.fuse(m, ImportFusion.Options.defaults(), 0).bytes());
        Map<String, Integer> ops = ImportFusion.opCounts(fused);
        assertEquals(4, ops.get("Conv"), ops.toString());
        assertFalse(ops.containsKey("BatchNormalization"), ops.toString());
        assertFalse(ops.containsKey("Add"), ops.toString());
        assertEquals(m.original().getGraph().getInput(0).getName(), fused.getGraph().getInput(0).getName());
        assertEquals(m.original().getOpsetImport(0).getVersion(), fused.getOpsetImport(0).getVersion());
    }

    @Test
    void opaqueOpsComeInWholeAndGoOutUnchanged() throws Exception {
        ImportedModel m = OnnxImporter.read(FIXTURES.resolve("repconv-neck.onnx"));
        long opaque = m.graph().nodes().values().stream().filter(n -> n.op() instanceof Op.Opaque).count();
        assertEquals(8, opaque); // 3 Sigmoid, 3 Mul, MaxPool, Resize
        Node resize = m.graph().node("up/Resize");
        assertEquals("Resize", ((Op.Opaque) resize.op()).opType());
        assertEquals("N x 16 x 32 x 32", ((Op.Opaque) resize.op()).outputShape().toString());

        // through the design file and back: the same graph
        DesignFile d = ImportedDesign.design(m, "repconv-neck.onnx", java.util.Optional.empty());
        String json = DesignIO.toJson(d);
        assertTrue(json.contains("\"version\": 2"), json.substring(0, 80));
        assertEquals(m.graph(), DesignIO.parse(json, "neck.json").graph());

        ModelProto fused = ModelProto.parseFrom(ImportFusion.fuse(m, ImportFusion.Options.defaults(), 0).bytes());
        NodeProto before = node(m.original(), "Resize");
        NodeProto after = node(fused, "Resize");
        assertEquals(before.getAttributeList(), after.getAttributeList());
        assertEquals(before.getInputCount(), after.getInputCount());
    }

    private static NodeProto node(ModelProto m, String opType) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(opType)).findFirst().orElseThrow();
    }

    /** Both models in ONNX Runtime with default options on one N(0,1) batch; max |a-b| / max |a|. */
    static double independentMaxRel(byte[] original, byte[] fused, int batch, long seed) throws Exception {
        ModelProto m = ModelProto.parseFrom(original);
        var dims = m.getGraph().getInput(0).getType().getTensorType().getShape();
        long[] shape = {batch, dims.getDim(1).getDimValue(), dims.getDim(2).getDimValue(), dims.getDim(3).getDimValue()};
        float[] x = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        Random rnd = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] a = run(original, m.getGraph().getInput(0).getName(), x, shape);
        float[] b = run(fused, m.getGraph().getInput(0).getName(), x, shape);
        double diff = 0;
        double mag = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            mag = Math.max(mag, Math.abs(a[i]));
        }
        assertEquals(a.length, b.length);
        return diff / mag;
    }

    private static float[] run(byte[] model, String input, float[] x, long[] shape) throws Exception {
        var env = OrtProbe.environment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.run(Map.of(input, t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        }
    }
}
