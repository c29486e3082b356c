package org.repstudio.core.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.graph.Op;

/**
 * ONNX forms PyTorch's exporter rarely writes, built by hand: a three-way Sum, Dropout and Identity on the
 * way, a Gemm with transB=0 and alpha/beta, a Constant node as a weight.
 */
class HandBuiltOnnxTest {

    @TempDir
    Path dir;

    private final Random rnd = new Random(11);

    @Test
    void sumDropoutIdentityAndGemmVariantsImportAndFuse() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName("hand");
        g.addInput(value("x", 4, 8, 8));
        g.addOutput(ValueInfoProto.newBuilder().setName("y"));
        g.addInitializer(floats("w3", 6, 4, 3, 3)).addInitializer(floats("b3", 6));
        g.addInitializer(floats("w1", 6, 4, 1, 1));
        g.addNode(node("Constant", "cst", "wv").addAttribute(AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(floats("wv", 6, 4, 1, 3))));
        g.addNode(node("Conv", "c3", "a", "x", "w3", "b3").addAttribute(ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Conv", "c1", "b", "x", "w1"));
        g.addNode(node("Conv", "cv", "c", "x", "wv").addAttribute(ints("pads", 0, 1, 0, 1)));
        g.addNode(node("Sum", "sum", "s", "a", "b", "c"));
        g.addNode(node("Dropout", "drop", "d", "s"));
        g.addNode(node("Relu", "relu", "r", "d"));
        g.addNode(node("Identity", "id", "i", "r"));
        g.addNode(node("GlobalAveragePool", "gap", "p", "i"));
        g.addNode(node("Flatten", "flat", "f", "p"));
        g.addInitializer(floats("gw", 6, 5)).addInitializer(floats("gb", 5));
        g.addNode(node("Gemm", "gemm", "y", "f", "gw", "gb").addAttribute(real("alpha", 0.5f))
                .addAttribute(real("beta", 2f)));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
        Path f = Files.write(dir.resolve("hand.onnx"), m.toByteArray());

        ImportedModel im = OnnxImporter.read(f);
        assertTrue(im.graph().node("sum").op() instanceof Op.Add);
        assertEquals(3, im.graph().inputsOf("sum").size());
        assertFalse(im.graph().contains("drop") || im.graph().contains("id"), "Dropout and Identity pass through");
        assertEquals(new Op.Linear(5, true), im.graph().node("gemm").op());
        assertEquals(0, im.opaque());

        ImportFusion.Result r = ImportFusion.fuse(im, ImportFusion.Options.defaults(), 0);
        assertTrue(r.report().withinTolerance(), "max rel " + r.report().maxRelDiff());
        Map<String, Integer> ops = ImportFusion.opCounts(ModelProto.parseFrom(r.bytes()));
        assertEquals(1, ops.get("Conv"), ops.toString());
        assertFalse(ops.containsKey("Add") || ops.containsKey("Sum"), ops.toString());
        assertTrue(ImportFixturesTest.independentMaxRel(m.toByteArray(), r.bytes(), 3, 1) <= 1e-6);
    }

    @Test
    void aBroadcastingAddIsKeptOpaque() throws Exception {
        // x + GlobalAveragePool(x): [C,H,W] + [C,1,1] is no branch sum
        GraphProto.Builder g = GraphProto.newBuilder().setName("bcast");
        g.addInput(value("x", 4, 8, 8));
        g.addOutput(ValueInfoProto.newBuilder().setName("y"));
        g.addInitializer(floats("w", 4, 4, 3, 3));
        g.addNode(node("Conv", "conv", "c", "x", "w").addAttribute(ints("pads", 1, 1, 1, 1)));
        g.addNode(node("GlobalAveragePool", "gap", "p", "c"));
        g.addNode(node("Add", "add", "y", "c", "p"));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        ImportedModel im = OnnxImporter.read(Files.write(dir.resolve("bcast.onnx"), m.toByteArray()));
        assertEquals(new Op.Opaque("Add", 2, org.repstudio.core.graph.TensorShape.spatial(4, 8, 8),
                ((Op.Opaque) im.graph().node("add").op()).onnx()), im.graph().node("add").op());
        ImportFusion.Result r = ImportFusion.fuse(im, ImportFusion.Options.defaults(), 0);
        assertTrue(r.report().withinTolerance(), "max rel " + r.report().maxRelDiff());
        assertTrue(ImportFixturesTest.independentMaxRel(m.toByteArray(), r.bytes(), 2, 3) <= 1e-6);
    }

    private static NodeProto.Builder node(String op, String name, String out, String... in) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
        for (String i : in) {
            n.addInput(i);
        }
        return n;
    }

    private TensorProto floats(String name, int... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        int n = 1;
        for (int d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (int i = 0; i < n; i++) {
            t.addFloatData((float) (rnd.nextGaussian() * 0.5));
        }
        return t.build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private static AttributeProto real(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    private static ValueInfoProto value(String name, int c, int h, int w) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : new int[] {c, h, w}) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s))).build();
    }
}
