package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;

/**
 * The second pass of an import: builds the design graph and weights from the plan, node by node in file
 * order, inferring shapes as it goes (opaque nodes take the shape ONNX Runtime measured). A node id is the
 * ONNX node's name without the leading '/', so every message names the ONNX node.
 */
final class IrAssembly {

    private final GraphProto g;
    private final List<Integer> live;
    private final Map<String, TensorProto> constants;
    private final OpPlan plan;
    private final Map<String, TensorProto> measured;
    private final String input;
    private final long[] inputShape;
    private final String output;
    private final ModelProto model;
    private final int opset;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Map<String, Tensor>> weights = new LinkedHashMap<>();
    private final Map<String, TensorShape> shapes = new HashMap<>();
    /** ONNX value name to the design node computing it. */
    private final Map<String, String> producer = new HashMap<>();
    private final Map<String, String> onnxValueOf = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();
    private int opaque;

    IrAssembly(GraphProto g, List<Integer> live, Map<String, TensorProto> constants, OpPlan plan,
               Map<String, TensorProto> measured, Map<String, String> nodeOfValue, String input, long[] inputShape,
               String output, ModelProto model, int opset) {
        this.g = g;
        this.live = live;
        this.constants = constants;
        this.plan = plan;
        this.measured = measured;
        this.input = input;
        this.inputShape = inputShape;
        this.output = output;
        this.model = model;
        this.opset = opset;
    }

    ImportedModel build() {
        String inId = claim(input);
        add(inId, new Op.Input((int) inputShape[1], (int) inputShape[2], (int) inputShape[3]), List.of(), input);
        for (int i : live) {
            NodeProto n = g.getNode(i);
            String label = OnnxModelFile.label(n, i);
            OpPlan.Kind k = plan.kind(i);
            if (k != OpPlan.Kind.FOLDED) {
                map(n, label, k);
            }
        }
        String last = producer.get(output);
        if (last == null) {
            throw new OnnxImportException("the output '" + output + "' is a constant; there is nothing to import");
        }
        add(claim(output), new Op.Output(), List.of(last), null);
        Graph graph = new Graph(nodes, edges);
        Weights w = new Weights(weights);
        List<Problem> problems = new ArrayList<>(Validator.validate(graph));
        if (problems.isEmpty()) {
            problems.addAll(WeightsCheck.problems(graph, w));
        }
        if (!problems.isEmpty()) {
            throw new OnnxImportException(String.join("; ", problems.stream().map(Problem::toString).toList()));
        }
        return new ImportedModel(graph, w, model, opset, input, output, onnxValueOf, opaque);
    }

    private void map(NodeProto n, String label, OpPlan.Kind kind) {
        String id = claim(label.startsWith("/") ? label.substring(1) : label);
        List<String> in = new ArrayList<>();
        // a Reshape's target shape is data, not a wire: when computed (x.view(x.size(0), -1)) it is not imported
        List<String> wires = kind == OpPlan.Kind.RESHAPE ? List.of(n.getInput(0)) : OnnxImporter.wired(n, constants);
        for (String v : wires) {
            String p = producer.get(v);
            if (p == null) {
                throw OnnxImportException.at(label, "reads '" + v + "', which no node computes");
            }
            in.add(p);
        }
        String y = n.getOutput(0);
        TensorShape x = in.isEmpty() ? null : shapes.get(in.get(0));
        switch (kind) {
            case CONV -> conv(n, label, id, in, y);
            case BATCHNORM -> {
                add(id, new Op.BatchNorm(OnnxAttributes.real(n, "epsilon", 1e-5f)), in, y);
                weights.put(id, params("gamma", floats(n, 1, label), "beta", floats(n, 2, label),
                        "mean", floats(n, 3, label), "var", floats(n, 4, label)));
            }
            case ADD -> {
                TensorShape b = broadcast(in, label);
                if (in.stream().allMatch(p -> shapes.get(p).equals(b))) {
                    add(id, new Op.Add(), in, y);
                } else {
                    opaque(n, label, id, in, y, b); // a broadcasting sum ([C,H,W] + [C,1,1]) is no branch sum
                }
            }
            case LINEAR_BIAS -> linearBias(n, label, in.get(0), y);
            case SCALE -> {
                if (x.flat()) {
                    opaque(n, label, id, in, y, x); // the scale layer is per channel of an image tensor
                } else {
                    scale(n, label, id, in, x, y);
                }
            }
            case CONCAT -> add(id, new Op.Concat(), in, y);
            case AVGPOOL -> {
                long[] k = OnnxAttributes.ints(n, "kernel_shape");
                long[] s = OnnxAttributes.ints(n, "strides", 2, 1);
                add(id, new Op.AvgPool((int) k[0], (int) k[1], (int) s[0], (int) s[1], pads(n)), in, y);
            }
            case GLOBAL_AVGPOOL -> add(id, new Op.GlobalAvgPool(), in, y);
            case REDUCE_MEAN -> {
                if (OnnxAttributes.integer(n, "keepdims", 1) == 1) {
                    add(id, new Op.GlobalAvgPool(), in, y);
                } else {
                    add(id, new Op.GlobalAvgPool(), in, null);
                    add(claim(id + "/flatten"), new Op.Flatten(), List.of(id), y);
                }
            }
            case PAD -> {
                long[] p = TensorProtos.longs(constants.get(n.getInput(1)), label);
                add(id, new Op.Pad(new Padding((int) p[2], (int) p[6], (int) p[3], (int) p[7]), Op.PadMode.ZERO), in, y);
            }
            case PASS_THROUGH -> {
                producer.put(y, in.get(0));
                ids.remove(id);
            }
            case RELU -> add(id, new Op.Relu(), in, y);
            case PRELU -> {
                add(id, new Op.PRelu(), in, y);
                weights.put(id, params("alpha", perChannel(n.getInput(1), x, label)));
            }
            case FLATTEN -> {
                if (x.flat()) {
                    producer.put(y, in.get(0));
                    ids.remove(id);
                } else {
                    add(id, new Op.Flatten(), in, y);
                }
            }
            case RESHAPE -> reshape(n, label, id, in, x, y);
            case GEMM -> gemm(n, label, id, in, y);
            case MATMUL -> {
                Tensor b = floats(n, 1, label);
                add(id, new Op.Linear(b.dim(1), false), in, y);
                weights.put(id, params("weight", transpose(b)));
            }
            case OPAQUE -> opaque(n, label, id, in, y);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void conv(NodeProto n, String label, String id, List<String> in, String y) {
        Tensor w = floats(n, 1, label);
        long[] k = OnnxAttributes.ints(n, "kernel_shape");
        if (k != null && (k.length != 2 || k[0] != w.dim(2) || k[1] != w.dim(3))) {
            throw OnnxImportException.at(label, "kernel_shape " + Arrays.toString(k) + " does not match the weight "
                    + Arrays.toString(w.shape()));
        }
        long[] s = OnnxAttributes.ints(n, "strides", 2, 1);
        long[] d = OnnxAttributes.ints(n, "dilations", 2, 1);
        boolean bias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
        add(id, new Op.Conv(w.dim(0), w.dim(2), w.dim(3), (int) s[0], (int) s[1], pads(n), (int) d[0], (int) d[1],
                (int) OnnxAttributes.integer(n, "group", 1), bias), in, y);
        weights.put(id, bias ? params("weight", w, "bias", floats(n, 2, label)) : params("weight", w));
    }

    private void scale(NodeProto n, String label, String id, List<String> in, TensorShape x, String y) {
        String c = n.getInput(0).equals(n.getInput(1)) ? n.getInput(1)
                : constants.containsKey(n.getInput(0)) ? n.getInput(0) : n.getInput(1);
        Tensor s = perChannel(c, x, label);
        if (n.getOpType().equals("Div")) {
            double[] v = s.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 / v[i];
            }
            s = Tensor.vector(v);
        }
        add(id, new Op.Scale(), in, y);
        weights.put(id, params("scale", s));
    }

    private void reshape(NodeProto n, String label, String id, List<String> in, TensorShape x, String y) {
        TensorProto out = measured.get(y);
        long features = x.size();
        boolean ok;
        if (out != null) {
            ok = out.getDimsCount() == 2 && out.getDims(1) == features;
        } else {
            long[] s = TensorProtos.longs(constants.get(n.getInput(1)), label);
            ok = (s[0] == 0 || s[0] == -1) && (s[1] == -1 || s[1] == features) || s[1] == -1;
        }
        if (!ok) {
            throw OnnxImportException.at(label, "Reshape of " + x + " is not a flatten to [N, " + features
                    + "]; RepStudio imports Reshape only as a flatten that keeps the batch");
        }
        if (x.flat()) {
            producer.put(y, in.get(0));
            ids.remove(id);
        } else {
            add(id, new Op.Flatten(), in, y);
        }
    }

    private void gemm(NodeProto n, String label, String id, List<String> in, String y) {
        Tensor b = floats(n, 1, label);
        Tensor w = OnnxAttributes.integer(n, "transB", 0) == 1 ? b : transpose(b);
        double alpha = OnnxAttributes.real(n, "alpha", 1f);
        double beta = OnnxAttributes.real(n, "beta", 1f);
        w = scaled(w, alpha);
        boolean bias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
        add(id, new Op.Linear(w.dim(0), bias), in, y);
        if (bias) {
            Tensor c = floats(n, 2, label);
            if (c.size() != w.dim(0)) {
                throw OnnxImportException.at(label, "bias C of " + c.size() + " values for " + w.dim(0) + " outputs");
            }
            weights.put(id, params("weight", w, "bias", scaled(Tensor.vector(c.data()), beta)));
        } else {
            weights.put(id, params("weight", w));
        }
    }

    /** Add(MatMul(x, W), b): the MatMul's Linear gains the bias and computes this Add's value. */
    private void linearBias(NodeProto n, String label, String linear, String y) {
        String c = constants.containsKey(n.getInput(0)) ? n.getInput(0) : n.getInput(1);
        Op.Linear l = (Op.Linear) nodes.get(linear).op();
        nodes.put(linear, new Node(linear, new Op.Linear(l.outFeatures(), true)));
        Map<String, Tensor> p = new LinkedHashMap<>(weights.get(linear));
        p.put("bias", Tensor.vector(TensorProtos.floats(constants.get(c), label).data()));
        weights.put(linear, p);
        producer.put(y, linear);
        onnxValueOf.put(linear, y);
    }

    /** The shape of an element-wise op's output under ONNX broadcasting of its inputs' shapes. */
    private TensorShape broadcast(List<String> in, String label) {
        TensorShape out = shapes.get(in.get(0));
        for (String p : in) {
            TensorShape s = shapes.get(p);
            if (s.equals(out)) {
                continue;
            }
            if (s.flat() || out.flat()) {
                throw OnnxImportException.at(label, "adds tensors of shapes " + out + " and " + s);
            }
            out = TensorShape.spatial(dim(out.channels(), s.channels(), label), dim(out.height(), s.height(), label),
                    dim(out.width(), s.width(), label));
        }
        return out;
    }

    private static int dim(int a, int b, String label) {
        if (a != b && a != 1 && b != 1) {
            throw OnnxImportException.at(label, "sizes " + a + " and " + b + " do not broadcast");
        }
        return Math.max(a, b);
    }

    /** The ONNX node kept whole: wired inputs renamed in0, in1..., output renamed out, constants carried along. */
    private void opaque(NodeProto n, String label, String id, List<String> in, String y) {
        opaque(n, label, id, in, y, measuredShape(measured.get(y), label, n.getOpType()));
    }

    private void opaque(NodeProto n, String label, String id, List<String> in, String y, TensorShape shape) {
        for (int o = 1; o < n.getOutputCount(); o++) {
            if (!n.getOutput(o).isEmpty() && isRead(n.getOutput(o))) {
                throw OnnxImportException.at(label, n.getOpType() + " has " + n.getOutputCount() + " outputs that are"
                        + " read; RepStudio's graph carries one tensor per node");
            }
        }
        add(id, OpaqueOps.of(n, id, constants, in.size(), shape), in, y);
        opaque++;
    }

    private boolean isRead(String value) {
        for (int i : live) {
            if (g.getNode(i).getInputList().contains(value)) {
                return true;
            }
        }
        return value.equals(output);
    }

    private static TensorShape measuredShape(TensorProto m, String label, String opType) {
        if (m == null) {
            throw OnnxImportException.at(label, "ONNX Runtime gave no shape for the output of " + opType);
        }
        if (m.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw OnnxImportException.at(label, opType + " outputs " + TensorProto.DataType.forNumber(m.getDataType())
                    + " values; RepStudio's graph carries float32 tensors only");
        }
        long[] d = m.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (d.length == 4) {
            return TensorShape.spatial((int) d[1], (int) d[2], (int) d[3]);
        }
        if (d.length == 2) {
            return TensorShape.flat((int) d[1]);
        }
        throw OnnxImportException.at(label, opType + " outputs a tensor of shape " + Arrays.toString(d)
                + "; RepStudio's graph carries [N, C, H, W] or [N, F] tensors");
    }

    /** Adds a design node, infers its shape (failing with the node named) and records the ONNX value it computes. */
    private void add(String id, Op op, List<String> in, String onnxValue) {
        Node node = new Node(id, op);
        nodes.put(id, node);
        List<TensorShape> inShapes = new ArrayList<>();
        for (int port = 0; port < in.size(); port++) {
            edges.add(new Edge(in.get(port), id, port));
            inShapes.add(shapes.get(in.get(port)));
        }
        List<Problem> problems = new ArrayList<>();
        TensorShape s = ShapeInference.shapeOf(node, inShapes, problems).orElseThrow(() -> OnnxImportException.at(id,
                problems.isEmpty() ? "its shape cannot be inferred" : problems.get(0).message()));
        shapes.put(id, s);
        if (onnxValue != null) {
            producer.put(onnxValue, id);
            onnxValueOf.put(id, onnxValue);
        }
    }

    private String claim(String wanted) {
        String id = wanted.isBlank() ? "node" : wanted;
        for (int i = 2; !ids.add(id); i++) {
            id = wanted + "_" + i;
        }
        return id;
    }

    private static Padding pads(NodeProto n) {
        long[] p = OnnxAttributes.ints(n, "pads", 4, 0);
        // ONNX order: top, left, bottom, right
        return new Padding((int) p[0], (int) p[2], (int) p[1], (int) p[3]);
    }

    private Tensor floats(NodeProto n, int input, String label) {
        TensorProto t = constants.get(n.getInput(input));
        if (t == null) {
            throw OnnxImportException.at(label, "input " + input + " ('" + n.getInput(input) + "') is not a constant");
        }
        return TensorProtos.floats(t, label);
    }

    /** A one-per-channel constant as a [C] vector for an input of shape {@code x}. */
    private Tensor perChannel(String name, TensorShape x, String label) {
        Tensor t = TensorProtos.floats(constants.get(name), label);
        int c = x.channels();
        if (t.size() == 1) {
            return Tensor.filled(t.get(0), c);
        }
        int[] d = t.shape();
        boolean spatialForm = d.length >= 3;
        if (t.size() != c || spatialForm == x.flat()) {
            throw OnnxImportException.at(label, "constant '" + name + "' of shape " + Arrays.toString(d)
                    + " is not one value per channel of its input " + x);
        }
        return Tensor.vector(t.data());
    }

    private static Tensor transpose(Tensor b) {
        int r = b.dim(0);
        int c = b.dim(1);
        double[] v = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                v[j * r + i] = b.data()[i * c + j];
            }
        }
        return new Tensor(new int[] {c, r}, v);
    }

    private static Tensor scaled(Tensor t, double f) {
        if (f == 1) {
            return t;
        }
        double[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return new Tensor(t.shape(), v);
    }

    private static Map<String, Tensor> params(Object... nameThenTensor) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenTensor.length; i += 2) {
            m.put((String) nameThenTensor[i], (Tensor) nameThenTensor[i + 1]);
        }
        return m;
    }
}
