package org.repstudio.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * SHA-256 fingerprints for provenance. A graph's hash covers its canonical design text with empty title
 * fields and no positions, so renaming a design or moving its nodes on the canvas keeps the hash, while any
 * change to an op, a field or a wire changes it. A weights hash covers every tensor as float32, in order.
 */
public final class DesignHash {

    private DesignHash() {
    }

    /** Lower-case hex SHA-256 of the graph's canonical text. */
    public static String of(Graph graph) {
        String text = DesignIO.toJson(DesignFile.of("", "", "", graph));
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lower-case hex SHA-256 over node id, parameter name, shape and float32 values of every tensor. */
    public static String of(Weights weights) {
        MessageDigest md = sha256();
        for (Map.Entry<String, Map<String, Tensor>> node : weights.byNode().entrySet()) {
            for (Map.Entry<String, Tensor> p : node.getValue().entrySet()) {
                md.update((node.getKey() + "\u0000" + p.getKey() + "\u0000").getBytes(StandardCharsets.UTF_8));
                Tensor t = p.getValue();
                ByteBuffer buf = ByteBuffer.allocate(4 * (t.rank() + t.size())).order(ByteOrder.LITTLE_ENDIAN);
                for (int d : t.shape()) {
                    buf.putInt(d);
                }
                for (double v : t.data()) {
                    buf.putFloat((float) v);
                }
                md.update(buf.array());
            }
        }
        return hex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
