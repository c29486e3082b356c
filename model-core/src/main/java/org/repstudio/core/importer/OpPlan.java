package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each live ONNX node becomes, decided from its op type, attributes and which inputs are constants
 * (not from shapes, which ONNX Runtime measures afterwards for the opaque nodes only). A node the IR cannot
 * express exactly is {@link Kind#OPAQUE}; nothing is approximated.
 */
final class OpPlan {

    /** The IR form of one ONNX node. */
    enum Kind {
        CONV, BATCHNORM, ADD, LINEAR_BIAS, SCALE, CONCAT, AVGPOOL, GLOBAL_AVGPOOL, REDUCE_MEAN, PAD, PASS_THROUGH,
        RELU, PRELU, FLATTEN, RESHAPE, GEMM, MATMUL, OPAQUE, FOLDED
    }

    private final Map<Integer, Kind> kinds;
    private final List<String> probed;

    private OpPlan(Map<Integer, Kind> kinds, List<String> probed) {
        this.kinds = kinds;
        this.probed = probed;
    }

    Kind kind(int node) {
        return kinds.get(node);
    }

    /** Values whose shapes ONNX Runtime must measure: opaque outputs and computed Reshape targets. */
    List<String> probedValues() {
        return probed;
    }

    static OpPlan of(GraphProto g, List<Integer> live, Map<String, TensorProto> constants,
                     Map<String, String> nodeOfValue) {
        Map<Integer, Kind> kinds = new LinkedHashMap<>();
        Map<String, Integer> producer = new HashMap<>();
        Map<String, Integer> readers = OnnxImporter.readers(g, live, g.getOutput(0).getName());
        List<String> probed = new ArrayList<>();
        for (int i : live) {
            NodeProto n = g.getNode(i);
            Kind k = decide(n, constants, producer, kinds, readers, g);
            kinds.put(i, k);
            for (String o : n.getOutputList()) {
                producer.put(o, i);
            }
            if (k == Kind.OPAQUE) {
                probed.add(n.getOutput(0));
            } else if (k == Kind.RESHAPE && !constants.containsKey(n.getInput(1))) {
                probed.add(n.getOutput(0));
            }
        }
        return new OpPlan(kinds, probed);
    }

    private static Kind decide(NodeProto n, Map<String, TensorProto> constants, Map<String, Integer> producer,
                               Map<Integer, Kind> kinds, Map<String, Integer> readers, GraphProto g) {
        if (n.getOpType().equals("Constant") || allOutputsConstant(n, constants)) {
            return Kind.FOLDED;
        }
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            return Kind.OPAQUE;
        }
        List<String> wired = OnnxImporter.wired(n, constants);
        if (wired.isEmpty()) {
            return Kind.OPAQUE;
        }
        boolean firstWired = wired.get(0).equals(n.getInput(0));
        boolean oneOutput = usedOutputs(n, readers) <= 1;
        switch (n.getOpType()) {
            case "Conv":
                return firstWired && wired.size() == 1 && rank(constants, n.getInput(1)) == 4 && autoPadOff(n)
                        ? Kind.CONV : Kind.OPAQUE;
            case "BatchNormalization":
                return firstWired && wired.size() == 1 && oneOutput
                        && OnnxAttributes.integer(n, "training_mode", 0) == 0 ? Kind.BATCHNORM : Kind.OPAQUE;
            case "Add":
                if (wired.size() == 2) {
                    return Kind.ADD;
                }
                return isLinearBias(n, wired.get(0), constants, producer, kinds, readers, g) ? Kind.LINEAR_BIAS : Kind.OPAQUE;
            case "Sum":
                return wired.size() == n.getInputCount() && wired.size() >= 2 ? Kind.ADD : Kind.OPAQUE;
            case "Mul":
            case "Div":
                return wired.size() == 1 && (firstWired || n.getOpType().equals("Mul"))
                        && perChannel(constants.get(other(n, wired.get(0)))) ? Kind.SCALE : Kind.OPAQUE;
            case "Concat": {
                long axis = OnnxAttributes.integer(n, "axis", 0);
                return wired.size() == n.getInputCount() && wired.size() >= 2 && (axis == 1 || axis == -3)
                        ? Kind.CONCAT : Kind.OPAQUE;
            }
            case "AveragePool":
                return averagePoolExact(n) ? Kind.AVGPOOL : Kind.OPAQUE;
            case "GlobalAveragePool":
                return Kind.GLOBAL_AVGPOOL;
            case "ReduceMean": {
                long[] axes = OnnxAttributes.ints(n, "axes");
                return axes != null && axes.length == 2 && overHeightAndWidth(axes) ? Kind.REDUCE_MEAN : Kind.OPAQUE;
            }
            case "Pad":
                return zeroSpatialPad(n, constants) ? Kind.PAD : Kind.OPAQUE;
            case "Identity":
                return Kind.PASS_THROUGH;
            case "Dropout":
                return oneOutput ? Kind.PASS_THROUGH : Kind.OPAQUE;
            case "Relu":
                return Kind.RELU;
            case "PRelu":
                return firstWired && wired.size() == 1 && perChannel(constants.get(n.getInput(1))) ? Kind.PRELU : Kind.OPAQUE;
            case "Flatten":
                return OnnxAttributes.integer(n, "axis", 1) == 1 ? Kind.FLATTEN : Kind.OPAQUE;
            case "Reshape":
                return firstWired && (!constants.containsKey(n.getInput(1)) || toTwoDims(constants.get(n.getInput(1))))
                        ? Kind.RESHAPE : Kind.OPAQUE;
            case "Gemm":
                return firstWired && wired.size() == 1 && rank(constants, n.getInput(1)) == 2
                        && OnnxAttributes.integer(n, "transA", 0) == 0 ? Kind.GEMM : Kind.OPAQUE;
            case "MatMul":
                return firstWired && wired.size() == 1 && rank(constants, n.getInput(1)) == 2 ? Kind.MATMUL : Kind.OPAQUE;
            default:
                return Kind.OPAQUE;
        }
    }

    private static boolean allOutputsConstant(NodeProto n, Map<String, TensorProto> constants) {
        for (String o : n.getOutputList()) {
            if (!o.isEmpty() && !constants.containsKey(o)) {
                return false;
            }
        }
        return true;
    }

    private static int usedOutputs(NodeProto n, Map<String, Integer> readers) {
        int used = 0;
        for (String o : n.getOutputList()) {
            if (!o.isEmpty() && readers.containsKey(o)) {
                used++;
            }
        }
        return used;
    }

    private static String other(NodeProto n, String wired) {
        return n.getInput(0).equals(wired) ? n.getInput(1) : n.getInput(0);
    }

    private static int rank(Map<String, TensorProto> constants, String name) {
        TensorProto t = constants.get(name);
        return t == null || !TensorProtos.isFloat(t) ? -1 : t.getDimsCount();
    }

    private static boolean autoPadOff(NodeProto n) {
        String a = OnnxAttributes.text(n, "auto_pad", "NOTSET");
        return a.equals("NOTSET") || a.isEmpty() || a.equals("VALID");
    }

    /** A float constant with one value, or one value per channel: [C,1,1], [1,C,1,1], [C] or [1,C]. */
    static boolean perChannel(TensorProto t) {
        if (t == null || !TensorProtos.isFloat(t)) {
            return false;
        }
        int nonOne = 0;
        for (long d : t.getDimsList()) {
            if (d != 1) {
                nonOne++;
            }
        }
        if (nonOne == 0) {
            return true;
        }
        int r = t.getDimsCount();
        // the channel axis is the third from the end on a spatial tensor, the last on a flat one
        return nonOne == 1 && ((r >= 3 && t.getDims(r - 3) != 1) || (r <= 2 && t.getDims(r - 1) != 1));
    }

    private static boolean averagePoolExact(NodeProto n) {
        long[] k = OnnxAttributes.ints(n, "kernel_shape");
        long[] pads = OnnxAttributes.ints(n, "pads", 4, 0);
        boolean padded = false;
        for (long p : pads) {
            padded |= p != 0;
        }
        return k != null && k.length == 2 && OnnxAttributes.integer(n, "ceil_mode", 0) == 0 && autoPadOff(n)
                && !OnnxAttributes.text(n, "auto_pad", "NOTSET").equals("VALID")
                && (!padded || OnnxAttributes.integer(n, "count_include_pad", 0) == 1)
                && OnnxAttributes.ints(n, "dilations") == null;
    }

    private static boolean overHeightAndWidth(long[] axes) {
        long a = Math.min(axes[0], axes[1]);
        long b = Math.max(axes[0], axes[1]);
        return (a == 2 && b == 3) || (a == -2 && b == -1);
    }

    /** Constant mode, pads [0, 0, t, l, 0, 0, b, r] with t, l, b, r >= 0, fill 0. */
    private static boolean zeroSpatialPad(NodeProto n, Map<String, TensorProto> constants) {
        if (!OnnxAttributes.text(n, "mode", "constant").equals("constant") || n.getInputCount() < 2
                || !constants.containsKey(n.getInput(1))) {
            return false;
        }
        long[] p = TensorProtos.longs(constants.get(n.getInput(1)), n.getName());
        if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            return false;
        }
        for (long v : p) {
            if (v < 0) {
                return false;
            }
        }
        if (n.getInputCount() >= 3 && !n.getInput(2).isEmpty()) {
            TensorProto fill = constants.get(n.getInput(2));
            return fill != null && TensorProtos.isFloat(fill) && TensorProtos.floats(fill, n.getName()).maxAbs() == 0;
        }
        return true;
    }

    /** A constant target [a, b] that keeps the batch: [0, x], [-1, F] or [N, -1]. */
    private static boolean toTwoDims(TensorProto shape) {
        long[] s = TensorProtos.longs(shape, shape.getName());
        return s.length == 2 && (s[0] == 0 || s[0] == -1 || s[1] == -1);
    }

    /** Add(MatMul(x, W), b): the bias of a Linear head, when nothing else reads the MatMul's output. */
    private static boolean isLinearBias(NodeProto n, String wired, Map<String, TensorProto> constants,
                                        Map<String, Integer> producer, Map<Integer, Kind> kinds,
                                        Map<String, Integer> readers, GraphProto g) {
        Integer p = producer.get(wired);
        if (p == null || kinds.get(p) != Kind.MATMUL || readers.getOrDefault(wired, 0) != 1) {
            return false;
        }
        TensorProto b = constants.get(other(n, wired));
        long out = g.getNode(p).getInputCount() > 1 && constants.containsKey(g.getNode(p).getInput(1))
                ? constants.get(g.getNode(p).getInput(1)).getDims(1) : -1;
        return b != null && TensorProtos.isFloat(b) && TensorProtos.count(b) == out && b.getDimsCount() <= 2;
    }
}
