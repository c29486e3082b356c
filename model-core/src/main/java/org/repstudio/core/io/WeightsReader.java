package org.repstudio.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.WeightValues;
import org.repstudio.core.graph.Weights;

/**
 * Decodes the bytes of a weights sidecar. Every length is checked against what is left before
 * anything is allocated, so a damaged file gives a message instead of an OutOfMemoryError.
 */
final class WeightsReader {

    /** Longer ids are surely damage, not a real node id or parameter name. */
    private static final int MAX_NAME_BYTES = 1 << 16;
    private static final int MAX_RANK = 8;

    private final ByteBuffer buf;
    private final String file;
    /** What is being read, for messages: "the header", "tensor 3 (c1.weight) values". */
    private String what = "the header";

    private WeightsReader(byte[] bytes, String file) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
    }

    static Weights read(byte[] bytes, String file) throws DesignFormatException {
        return new WeightsReader(bytes, file).readAll();
    }

    private Weights readAll() throws DesignFormatException {
        checkMagic();
        int count = readInt();
        if (count < 0) {
            throw fail("tensor count is negative (" + count + ")");
        }
        Map<String, Map<String, Tensor>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            what = "tensor " + i + " node id";
            String node = readName();
            what = "tensor " + i + " (node \"" + node + "\") parameter name";
            String name = readName();
            what = "tensor " + i + " (" + node + "." + name + ")";
            Tensor t = readTensor();
            checkValues(node, name, t);
            if (byNode.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(name, t) != null) {
                throw fail("appears twice");
            }
        }
        if (buf.hasRemaining()) {
            what = "the end of the file";
            throw fail(buf.remaining() + " unexpected bytes after the last of " + count + " tensors");
        }
        return new Weights(byNode);
    }

    private void checkMagic() throws DesignFormatException {
        byte[] start = Arrays.copyOf(buf.array(), Math.min(4, buf.limit()));
        if (!Arrays.equals(start, Arrays.copyOf(WeightsIO.MAGIC, start.length))) {
            throw new DesignFormatException(file + ": not a RepStudio weights file (it should start with \"RSW1\", "
                    + "starts with " + printable(start) + ")");
        }
        need(4);
        buf.position(4);
    }

    private Tensor readTensor() throws DesignFormatException {
        int rank = readInt();
        if (rank < 0 || rank > MAX_RANK) {
            throw fail("rank " + rank + " is not between 0 and " + MAX_RANK);
        }
        int[] shape = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = readInt();
            if (shape[d] < 0) {
                throw fail("dimension " + d + " is negative (" + shape[d] + ")");
            }
            size *= shape[d];
            if (size > Integer.MAX_VALUE / 4) {
                throw fail("shape " + Arrays.toString(Arrays.copyOf(shape, d + 1)) + " is too large");
            }
        }
        what += " values";
        need(4 * size);
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getFloat();
        }
        return new Tensor(shape, values);
    }

    /** The value rule of {@link WeightValues}, applied where every sidecar is read. */
    private void checkValues(String node, String name, Tensor t) throws DesignFormatException {
        Optional<String> bad = WeightValues.problem(name, t);
        if (bad.isPresent()) {
            throw values(node, name, bad.get());
        }
    }

    private DesignFormatException values(String node, String name, String message) {
        return new DesignFormatException(file + ": node '" + node + "' tensor '" + name + "': " + message);
    }

    private String readName() throws DesignFormatException {
        int len = readInt();
        if (len < 0 || len > MAX_NAME_BYTES) {
            throw fail("name length " + len + " is not plausible");
        }
        need(len);
        byte[] b = new byte[len];
        buf.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw fail("name is not UTF-8 text");
        }
    }

    private int readInt() throws DesignFormatException {
        need(4);
        return buf.getInt();
    }

    private void need(long bytes) throws DesignFormatException {
        if (buf.remaining() < bytes) {
            throw new DesignFormatException(file + ": truncated at byte " + buf.limit() + " while reading " + what
                    + " (needs " + bytes + " bytes from byte " + buf.position() + ")");
        }
    }

    private DesignFormatException fail(String message) {
        return new DesignFormatException(file + ": " + what + ": " + message);
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            sb.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xff));
        }
        return sb.append('"').toString();
    }
}
