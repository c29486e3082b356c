package org.repstudio.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;

/**
 * Reads and writes the op-specific fields of a node ("outChannels", "kernel", ...). The op names are
 * {@link Op#kind()}, so the file and the messages use the same words.
 */
final class OpCodec {

    /** Every op name the format knows, in the order they are listed to the user. */
    static final List<String> KINDS = List.of("input", "conv", "batchnorm", "scale", "avgpool", "pad",
            "identity", "add", "concat", "relu", "prelu", "globalavgpool", "flatten", "linear", "output", "opaque");

    static final double DEFAULT_EPS = 1e-5;

    private OpCodec() {
    }

    /** The op named {@code kind} built from the fields of its node. */
    static Op read(String kind, JsonFields f) throws DesignFormatException {
        switch (kind) {
            case "input":
                return new Op.Input(f.requireInt("channels"), f.requireInt("height"), f.requireInt("width"));
            case "conv":
                return readConv(f);
            case "batchnorm":
                return new Op.BatchNorm(f.optDouble("eps", DEFAULT_EPS));
            case "avgpool": {
                int[] k = f.requirePair("kernel");
                int[] s = f.requirePair("stride");
                return new Op.AvgPool(k[0], k[1], s[0], s[1], f.optPadding("padding"));
            }
            case "pad":
                return new Op.Pad(f.requirePadding("padding"), readPadMode(f));
            case "linear":
                return new Op.Linear(f.requireInt("outFeatures"), f.optBool("bias", false));
            case "scale":
                return new Op.Scale();
            case "identity":
                return new Op.Identity();
            case "add":
                return new Op.Add();
            case "concat":
                return new Op.Concat();
            case "relu":
                return new Op.Relu();
            case "prelu":
                return new Op.PRelu();
            case "globalavgpool":
                return new Op.GlobalAvgPool();
            case "flatten":
                return new Op.Flatten();
            case "output":
                return new Op.Output();
            case "opaque":
                return readOpaque(f);
            default:
                throw f.error("op", "unknown op \"" + kind + "\"; known ops: " + String.join(", ", KINDS));
        }
    }

    private static Op.Conv readConv(JsonFields f) throws DesignFormatException {
        int out = f.requireInt("outChannels");
        int[] k = f.requirePair("kernel");
        int[] s = f.optPair("stride", 1);
        Padding p = f.optPadding("padding");
        int[] d = f.optPair("dilation", 1);
        return new Op.Conv(out, k[0], k[1], s[0], s[1], p, d[0], d[1], f.optInt("groups", 1), f.optBool("bias", false));
    }

    /** An imported ONNX op kept whole (format version 2): its op type, wired inputs, output shape, node. */
    private static Op.Opaque readOpaque(JsonFields f) throws DesignFormatException {
        int[] shape = f.requireInts("shape");
        TensorShape out;
        if (shape.length == 3 && shape[0] > 0 && shape[1] > 0 && shape[2] > 0) {
            out = TensorShape.spatial(shape[0], shape[1], shape[2]);
        } else if (shape.length == 1 && shape[0] > 0) {
            out = TensorShape.flat(shape[0]);
        } else {
            throw f.error("shape", "expected [C, H, W] or [F] with sizes > 0");
        }
        String onnx = f.requireString("onnx");
        try {
            Base64.getDecoder().decode(onnx);
        } catch (IllegalArgumentException e) {
            throw f.error("onnx", "not base64: " + e.getMessage());
        }
        return new Op.Opaque(f.requireString("opType"), f.requireInt("ports"), out, onnx);
    }

    private static Op.PadMode readPadMode(JsonFields f) throws DesignFormatException {
        String mode = f.optString("mode").orElse("zero");
        for (Op.PadMode m : Op.PadMode.values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(mode)) {
                return m;
            }
        }
        throw f.error("mode", "expected \"zero\" or \"bias\", got \"" + mode + "\"");
    }

    /** Writes the fields of {@code op} in canonical form: every field spelled out, pairs as arrays. */
    static void write(Op op, ObjectNode n) {
        if (op instanceof Op.Input i) {
            n.put("channels", i.channels()).put("height", i.height()).put("width", i.width());
        } else if (op instanceof Op.Conv c) {
            n.put("outChannels", c.outChannels());
            pair(n, "kernel", c.kernelH(), c.kernelW());
            pair(n, "stride", c.strideH(), c.strideW());
            padding(n, "padding", c.padding());
            pair(n, "dilation", c.dilationH(), c.dilationW());
            n.put("groups", c.groups()).put("bias", c.bias());
        } else if (op instanceof Op.BatchNorm b) {
            n.put("eps", b.eps());
        } else if (op instanceof Op.AvgPool a) {
            pair(n, "kernel", a.kernelH(), a.kernelW());
            pair(n, "stride", a.strideH(), a.strideW());
            padding(n, "padding", a.padding());
        } else if (op instanceof Op.Pad p) {
            padding(n, "padding", p.padding());
            n.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        } else if (op instanceof Op.Linear l) {
            n.put("outFeatures", l.outFeatures()).put("bias", l.bias());
        } else if (op instanceof Op.Opaque o) {
            n.put("opType", o.opType()).put("ports", o.inputs());
            TensorShape s = o.outputShape();
            if (s.flat()) {
                n.putArray("shape").add(s.channels());
            } else {
                n.putArray("shape").add(s.channels()).add(s.height()).add(s.width());
            }
            n.put("onnx", o.onnx());
        }
        // the remaining ops have no fields
    }

    private static void pair(ObjectNode n, String name, int h, int w) {
        n.putArray(name).add(h).add(w);
    }

    private static void padding(ObjectNode n, String name, Padding p) {
        ArrayNode a = n.putArray(name);
        a.add(p.top()).add(p.bottom()).add(p.left()).add(p.right());
    }
}
