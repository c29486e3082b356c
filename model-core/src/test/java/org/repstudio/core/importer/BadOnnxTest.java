package org.repstudio.core.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.AttributeProto;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be imported are refused with a message naming the file and the ONNX node. */
class BadOnnxTest {

    static final Path REPVGG = ImportFixturesTest.FIXTURES.resolve("repvgg-stack.onnx");

    @Test
    void notOnnx(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.onnx"), "these are not the weights you are looking for\n");
        assertMessage(f, "notes.onnx: not an ONNX model");
    }

    @Test
    void truncated(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(REPVGG);
        Path f = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(b, b.length / 2));
        assertMessage(f, "cut.onnx: the file ends in the middle of the model (truncated?)");
    }

    @Test
    void missingExternalData(@TempDir Path dir) throws Exception {
        Path f = write(dir, "ext.onnx", external(model(), "missing.bin", 64L));
        assertMessage(f, "ext.onnx: node '/0/k3/k3.0/Conv': weight '" + firstWeight(model()) + "' is stored in the external data file"
                + " 'missing.bin', which is missing next to the model");
    }

    @Test
    void overTwoGigabytes(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("big.bin"), new byte[16]);
        Path f = write(dir, "big.onnx", external(model(), "big.bin", 3_000_000_000L));
        assertMessage(f, "big.onnx: with its external data the model is over the 2 GB protobuf limit (at weight"
                + " '" + firstWeight(model()) + "' of node '/0/k3/k3.0/Conv')");
    }

    @Test
    void wrongWeightShapeNamesTheNode(@TempDir Path dir) throws Exception {
        ModelProto m = model();
        var g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getName().equals(firstWeight(m))) { // [16, 3, 3, 3] claimed as [16, 5, 3, 3], data cut to fit
                g.setInitializer(i, t.toBuilder().setDims(1, 5).setRawData(ByteString.copyFrom(new byte[16 * 5 * 9 * 4])));
            }
        }
        Path f = write(dir, "shape.onnx", m.toBuilder().setGraph(g).build());
        // ONNX Runtime meets it first when it measures shapes, else the importer's own check: both name the node
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(f));
        assertTrue(e.getMessage().startsWith("shape.onnx: ") && e.getMessage().contains("0/k3/k3.0/Conv'"),
                e.getMessage());
    }

    @Test
    void aValueTheGraphCannotCarryNamesTheNode(@TempDir Path dir) throws Exception {
        // Relu -> Cast(int64) -> Cast(float) -> next block: the int64 tensor is no image tensor
        ModelProto m = model();
        var g = m.getGraph().toBuilder();
        int relu = -1;
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Relu")) {
                relu = i;
                break;
            }
        }
        String y = g.getNode(relu).getOutput(0);
        g.setNode(relu, g.getNode(relu).toBuilder().setOutput(0, "relu_raw"));
        g.addNode(relu + 1, cast("/as_int", "relu_raw", "as_int", TensorProto.DataType.INT64));
        g.addNode(relu + 2, cast("/as_float", "as_int", y, TensorProto.DataType.FLOAT));
        Path f = write(dir, "cast.onnx", m.toBuilder().setGraph(g).build());
        assertMessage(f, "cast.onnx: node '/as_int': Cast outputs INT64 values");
    }

    @Test
    void unsupportedOpset(@TempDir Path dir) throws Exception {
        ModelProto m = model();
        ModelProto old = m.toBuilder().setOpsetImport(0, m.getOpsetImport(0).toBuilder().setVersion(9)).build();
        assertMessage(write(dir, "old.onnx", old), "old.onnx: opset 9 is not supported");
    }

    private static NodeProto cast(String name, String in, String out, TensorProto.DataType to) {
        return NodeProto.newBuilder().setName(name).setOpType("Cast").addInput(in).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(to.getNumber())).build();
    }

    static ModelProto model() throws Exception {
        return ModelProto.parseFrom(Files.readAllBytes(REPVGG));
    }

    private static String firstWeight(ModelProto m) {
        return m.getGraph().getNode(0).getInput(1);
    }

    private static ModelProto external(ModelProto m, String location, long length) {
        var g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(firstWeight(m))) {
                g.setInitializer(i, g.getInitializer(i).toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                        .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(String.valueOf(length))));
            }
        }
        return m.toBuilder().setGraph(g).build();
    }

    private static Path write(Path dir, String name, ModelProto m) throws Exception {
        return Files.write(dir.resolve(name), m.toByteArray());
    }

    private static void assertMessage(Path f, String start) {
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.read(f));
        assertTrue(e.getMessage().startsWith(start), "expected a message starting with\n  " + start + "\ngot\n  "
                + e.getMessage());
    }
}
