package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an ONNX file into one self-contained {@link ModelProto}: weights stored as external data are read
 * from their files and inlined. Refuses, naming what is wrong: a file that is not ONNX or is cut short, an
 * external data file that is missing or too short, a model over the 2 GB protobuf limit, an opset outside
 * 11 to 17.
 */
final class OnnxModelFile {

    static final int MIN_OPSET = 11;
    static final int MAX_OPSET = 17;
    /** Protobuf messages cannot exceed 2 GB; ONNX Runtime and this reader both hold the model as one. */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    private OnnxModelFile() {
    }

    /** The model with every weight inlined, and its default-domain opset. */
    record Loaded(ModelProto model, int opset) {
    }

    static Loaded read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such ONNX file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new OnnxImportException(name + ": " + size + " bytes is over the 2 GB protobuf limit");
        }
        ModelProto model = parse(Files.readAllBytes(file), name);
        ModelProto inlined;
        try {
            inlined = inlineExternalData(model, file.toAbsolutePath().getParent(), name);
        } catch (OnnxImportException e) {
            throw e.getMessage().startsWith(name + ": ") ? e : new OnnxImportException(name + ": " + e.getMessage(), e);
        }
        return new Loaded(inlined, opset(inlined, name));
    }

    private static ModelProto parse(byte[] bytes, String name) {
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            String why = e.getMessage() != null && e.getMessage().contains("ended unexpectedly")
                    ? "the file ends in the middle of the model (truncated?)" : "not an ONNX model (" + e.getMessage() + ")";
            throw new OnnxImportException(name + ": " + why);
        } catch (IOException e) {
            throw new OnnxImportException(name + ": not an ONNX model (" + e.getMessage() + ")");
        }
        // any bytes parse as some protobuf; an ONNX model has an IR version, an opset and a graph with nodes
        if (model.getIrVersion() <= 0 || model.getOpsetImportCount() == 0 || !model.hasGraph()
                || model.getGraph().getNodeCount() == 0) {
            throw new OnnxImportException(name + ": not an ONNX model (no IR version, opset or graph nodes)");
        }
        return model;
    }

    private static int opset(ModelProto model, String name) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                long v = o.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new OnnxImportException(name + ": opset " + v + " is not supported; RepStudio imports opsets "
                            + MIN_OPSET + " to " + MAX_OPSET + " (torch.onnx.export(..., opset_version=17))");
                }
                return (int) v;
            }
        }
        throw new OnnxImportException(name + ": the model imports no default-domain (ai.onnx) opset");
    }

    /** Every initializer (and Constant node value) stored in an external file read into raw_data. */
    private static ModelProto inlineExternalData(ModelProto model, Path folder, String name) throws IOException {
        GraphProto g = model.getGraph();
        boolean any = g.getInitializerList().stream().anyMatch(OnnxModelFile::isExternal);
        if (!any) {
            return model;
        }
        Map<String, String> userOf = firstUsers(g);
        GraphProto.Builder b = g.toBuilder();
        long total = model.getSerializedSize();
        for (int i = 0; i < b.getInitializerCount(); i++) {
            TensorProto t = b.getInitializer(i);
            if (isExternal(t)) {
                String node = userOf.getOrDefault(t.getName(), "(no node)");
                total += externalLength(t);
                if (total > MAX_BYTES) {
                    throw new OnnxImportException(name + ": with its external data the model is over the 2 GB"
                            + " protobuf limit (at weight '" + t.getName() + "' of node '" + node + "')");
                }
                ByteString data = readExternal(t, folder, node);
                b.setInitializer(i, t.toBuilder().clearExternalData()
                        .setDataLocation(TensorProto.DataLocation.DEFAULT).setRawData(data));
            }
        }
        return model.toBuilder().setGraph(b).build();
    }

    private static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    private static long externalLength(TensorProto t) {
        for (StringStringEntryProto e : t.getExternalDataList()) {
            if (e.getKey().equals("length")) {
                return Long.parseLong(e.getValue());
            }
        }
        return TensorProtos.count(t) * elementBytes(t);
    }

    private static ByteString readExternal(TensorProto t, Path folder, String node) throws IOException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null) {
            throw OnnxImportException.at(node, "weight '" + t.getName() + "' is stored externally but names no file");
        }
        Path file = folder.resolve(location).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
            throw OnnxImportException.at(node, "weight '" + t.getName() + "' is stored in the external data file '"
                    + location + "', which is missing next to the model");
        }
        long want = length >= 0 ? length : TensorProtos.count(t) * elementBytes(t);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (offset + want > f.length()) {
                throw OnnxImportException.at(node, "weight '" + t.getName() + "' needs bytes " + offset + " to "
                        + (offset + want) + " of '" + location + "', which has " + f.length());
            }
            byte[] bytes = new byte[Math.toIntExact(want)];
            f.seek(offset);
            f.readFully(bytes);
            return ByteString.copyFrom(bytes);
        }
    }

    private static long elementBytes(TensorProto t) {
        return switch (TensorProto.DataType.forNumber(t.getDataType())) {
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT, INT32, UINT32 -> 4;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            default -> 1;
        };
    }

    /** Value name to the first node reading it, so a message about a weight can name its node. */
    static Map<String, String> firstUsers(GraphProto g) {
        Map<String, String> users = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            for (String in : n.getInputList()) {
                users.putIfAbsent(in, label(n, i));
            }
        }
        return users;
    }

    /** How messages name a node: its name, or "OpType #index" when it has none. */
    static String label(NodeProto n, int index) {
        return n.getName().isEmpty() ? n.getOpType() + " #" + index : n.getName();
    }
}
