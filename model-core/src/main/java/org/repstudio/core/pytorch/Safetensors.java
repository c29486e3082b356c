package org.repstudio.core.pytorch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw little-endian data. Simple enough to write from Java and to
 * read in the generated Python with {@code torch.frombuffer}.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** Writes the tensors in map order; {@code metadata} goes into the header's {@code __metadata__}. */
    public static void write(OutputStream out, Map<String, RawTensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().name());
            var shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            var offsets = t.putArray("data_offsets");
            offsets.add(offset);
            offset += e.getValue().bytes().length;
            offsets.add(offset);
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the data starts 8-byte aligned
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(head);
        for (RawTensor t : tensors.values()) {
            out.write(t.bytes());
        }
    }

    /** Reads every tensor; {@code name} (the file name) starts each error message. */
    public static Map<String, RawTensor> read(byte[] file, String name) throws CheckpointException {
        if (file.length < 8) {
            throw new CheckpointException(name + ": truncated safetensors file (" + file.length + " bytes)");
        }
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > file.length - 8) {
            throw new CheckpointException(name + ": not a safetensors file (header length " + headerLength
                    + " does not fit in " + file.length + " bytes)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(name + ": malformed safetensors header: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(name + ": malformed safetensors header: not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            out.put(e.getKey(), tensor(e.getKey(), e.getValue(), file, dataStart, name));
        }
        return out;
    }

    private static RawTensor tensor(String key, JsonNode t, byte[] file, int dataStart, String name)
            throws CheckpointException {
        String where = name + ": tensor '" + key + "'";
        DType dtype;
        try {
            dtype = DType.valueOf(t.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": unknown dtype " + t.path("dtype"));
        }
        JsonNode shapeNode = t.path("shape");
        JsonNode offsets = t.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(where + ": needs a shape array and two data_offsets");
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt(-1);
            if (shape[i] < 0) {
                throw new CheckpointException(where + ": bad dimension " + shapeNode.get(i));
            }
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long need = RawTensor.elements(shape) * dtype.bytes();
        if (begin < 0 || end - begin != need || dataStart + end > file.length) {
            throw new CheckpointException(where + ": data_offsets [" + begin + ", " + end + "] do not hold "
                    + need + " bytes inside the file (truncated?)");
        }
        return new RawTensor(dtype, shape, Arrays.copyOfRange(file, dataStart + (int) begin, dataStart + (int) end));
    }
}
