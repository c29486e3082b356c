package org.repstudio.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;

/**
 * The weights sidecar ({@code *.rsw}): a small little-endian binary file, so parameters of a whole
 * network stay out of the readable JSON. Layout (see docs/format.md): magic "RSW1", int32 tensor
 * count, then per tensor: node id and parameter name (each int32 byte length + UTF-8), int32 rank,
 * int32 dims, float32 values in row-major order. Values are stored as float32; reading widens them
 * back to the float64 {@link Tensor}.
 */
public final class WeightsIO {

    static final byte[] MAGIC = "RSW1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PROBLEMS_SHOWN = 5;

    private WeightsIO() {
    }

    /** Saves atomically, tensors in the order of {@link Weights#byNode()}. */
    public static void write(Path path, Weights weights) throws IOException {
        AtomicFiles.write(path, out -> writeTo(out, weights));
    }

    /** Reads a sidecar; every problem names the file and, once known, the tensor. */
    public static Weights read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such weights file");
        }
        return WeightsReader.read(bytes, DesignIO.fileName(path));
    }

    /** Where {@code weights} does not fit {@code graph}; see {@link WeightsCheck#problems}. */
    public static List<Problem> check(Graph graph, Weights weights) {
        return WeightsCheck.problems(graph, weights);
    }

    /** The first few problems on one line, and how many more there are. */
    public static String summarize(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_PROBLEMS_SHOWN, problems.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > MAX_PROBLEMS_SHOWN) {
            sb.append("; and ").append(problems.size() - MAX_PROBLEMS_SHOWN).append(" more");
        }
        return sb.toString();
    }

    private static void writeTo(OutputStream out, Weights weights) throws IOException {
        int count = 0;
        for (Map<String, Tensor> p : weights.byNode().values()) {
            count += p.size();
        }
        out.write(MAGIC);
        out.write(le(4).putInt(count).array());
        for (Map.Entry<String, Map<String, Tensor>> node : weights.byNode().entrySet()) {
            for (Map.Entry<String, Tensor> param : node.getValue().entrySet()) {
                writeTensor(out, node.getKey(), param.getKey(), param.getValue());
            }
        }
    }

    private static void writeTensor(OutputStream out, String nodeId, String name, Tensor t) throws IOException {
        byte[] id = nodeId.getBytes(StandardCharsets.UTF_8);
        byte[] nm = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = le(4 + id.length + 4 + nm.length + 4 + 4 * t.rank());
        head.putInt(id.length).put(id).putInt(nm.length).put(nm).putInt(t.rank());
        for (int d : t.shape()) {
            head.putInt(d);
        }
        out.write(head.array());
        ByteBuffer values = le(4 * t.size());
        for (double v : t.data()) {
            values.putFloat((float) v);
        }
        out.write(values.array());
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
