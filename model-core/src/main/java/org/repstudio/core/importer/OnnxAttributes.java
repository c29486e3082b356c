package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Optional;

/** Typed look-ups of a node's attributes, with the ONNX defaults supplied by the caller. */
final class OnnxAttributes {

    private OnnxAttributes() {
    }

    static Optional<AttributeProto> find(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static long integer(NodeProto n, String name, long fallback) {
        return find(n, name).map(AttributeProto::getI).orElse(fallback);
    }

    static float real(NodeProto n, String name, float fallback) {
        return find(n, name).map(AttributeProto::getF).orElse(fallback);
    }

    static String text(NodeProto n, String name, String fallback) {
        return find(n, name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    /** The ints of an INTS attribute, or null when absent. */
    static long[] ints(NodeProto n, String name) {
        return find(n, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray()).orElse(null);
    }

    /** The ints, or {@code fallback} repeated {@code count} times when absent. */
    static long[] ints(NodeProto n, String name, int count, long fallback) {
        long[] v = ints(n, name);
        if (v != null) {
            return v;
        }
        long[] d = new long[count];
        java.util.Arrays.fill(d, fallback);
        return d;
    }
}
