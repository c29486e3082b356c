package org.repstudio.core.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.repstudio.core.algebra.Tensor;

/**
 * Turns a float ONNX model of a fused design into static INT8 in the QDQ form ONNX Runtime runs with integer
 * kernels: every Conv's weight becomes INT8 per output channel (symmetric), its bias INT32 (scale = input
 * scale x weight scale); every Conv input and every Conv output (after its ReLU when one follows, so the ReLU
 * folds into the range) gets a UINT8 QuantizeLinear/DequantizeLinear pair with a per-tensor scale and zero
 * point measured on calibration batches. Other ops (pooling, the linear head) stay float.
 */
public final class Int8Exporter {

    /** Images whose outputs are compared with the float model. */
    static final int COMPARED_BATCHES = 2;

    /**
     * The INT8 model, its report, and the activation quantizers by the ONNX node that produces the tensor
     * ({@code input} holds the graph input's).
     */
    public record Int8Model(byte[] bytes, Int8Report report, QuantParams input, Map<String, QuantParams> byNode) {
    }

    private Int8Exporter() {
    }

    /**
     * Quantizes {@code floatModel} (one input [N, C, H, W], Convs with weight and bias initializers).
     *
     * @throws IllegalArgumentException when the model has no Conv, or the data's image shape is not the input's
     * @throws IllegalStateException    when ONNX Runtime's optimized graph holds no integer convolution
     */
    public static Int8Model quantize(byte[] floatModel, CalibrationSet data, Calibration cal)
            throws IOException, OrtException {
        ModelProto model = ModelProto.parseFrom(floatModel);
        GraphProto g = model.getGraph();
        requireInputShape(g, data);
        Map<String, TensorProto> inits = new HashMap<>();
        g.getInitializerList().forEach(t -> inits.put(t.getName(), t));
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        List<NodeProto> convs = g.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).toList();
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("the model has no Conv to quantize");
        }
        Set<String> points = new LinkedHashSet<>();
        for (NodeProto c : convs) {
            points.add(c.getInput(0));
            String y = c.getOutput(0);
            List<NodeProto> next = consumers.getOrDefault(y, List.of());
            points.add(next.size() == 1 && next.get(0).getOpType().equals("Relu") ? next.get(0).getOutput(0) : y);
        }
        Map<String, double[]> ranges = ActivationRanges.measure(model, List.copyOf(points), data, cal);
        Map<String, QuantParams> act = new LinkedHashMap<>();
        ranges.forEach((t, r) -> act.put(t, QuantParams.asymmetricUint8(r[0], r[1])));

        String graphInput = g.getInput(0).getName();
        GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer();
        List<NodeProto> nodes = new ArrayList<>();
        Map<String, String> renamed = new HashMap<>(); // consumers of the graph input read its DQ instead
        for (TensorProto t : g.getInitializerList()) {
            boolean weightOrBias = convs.stream().anyMatch(c -> c.getInputCount() > 1 && c.getInput(1).equals(t.getName())
                    || c.getInputCount() > 2 && c.getInput(2).equals(t.getName()));
            if (!weightOrBias) {
                out.addInitializer(t);
            }
        }
        for (NodeProto c : convs) {
            quantizeConv(c, inits, act.get(c.getInput(0)), out, nodes);
        }
        if (act.containsKey(graphInput)) {
            renamed.put(graphInput, qdq(graphInput, graphInput, graphInput + "_dq", act.get(graphInput), out, nodes));
        }
        Map<String, QuantParams> byNode = new LinkedHashMap<>();
        for (NodeProto n : g.getNodeList()) {
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, renamed.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            String y = n.getOutput(0);
            if (act.containsKey(y)) {
                b.setOutput(0, y + "_float"); // the DQ writes y, so consumers and graph outputs stay as they are
                nodes.add(b.build());
                qdq(y, y + "_float", y, act.get(y), out, nodes);
                byNode.put(n.getName(), act.get(y));
            } else {
                nodes.add(b.build());
            }
        }
        out.addAllNode(nodes);
        byte[] bytes = model.toBuilder().setGraph(out).build().toByteArray();
        Map<String, Integer> optimized = optimizedOps(bytes);
        int integer = optimized.getOrDefault("QLinearConv", 0) + optimized.getOrDefault("ConvInteger", 0);
        if (integer == 0) {
            throw new IllegalStateException("ONNX Runtime runs no conv of the INT8 model with an integer kernel: "
                    + "its optimized graph holds " + optimized);
        }
        double[] diff = compare(floatModel, bytes, data);
        Int8Report report = new Int8Report(cal.label(), imagesIn(data, cal.batches()), convs.size(), act.size(),
                optimized, integer, diff[0], diff[1], diff[2], (int) diff[3]);
        return new Int8Model(bytes, report, act.get(graphInput), byNode);
    }

    private static int imagesIn(CalibrationSet data, int batches) {
        int n = 0;
        for (int i = 0; i < Math.min(batches, data.sizes().size()); i++) {
            n += data.sizes().get(i);
        }
        return n;
    }

    private static void requireInputShape(GraphProto g, CalibrationSet data) {
        var dims = g.getInput(0).getType().getTensorType().getShape().getDimList();
        for (int i = 1; i < Math.min(4, dims.size()); i++) {
            if (dims.get(i).hasDimValue() && dims.get(i).getDimValue() != data.sample()[i - 1]) {
                long[] want = dims.stream().skip(1).mapToLong(d -> d.getDimValue()).toArray();
                throw new IllegalArgumentException("the model's input is " + java.util.Arrays.toString(want)
                        + " but the calibration images are " + java.util.Arrays.toString(data.sample())
                        + ": calibrate on the data the design was trained on (train writes NAME.trained.json)");
            }
        }
    }

    /** Replaces the Conv's weight and bias initializers by INT8 / INT32 ones and their DequantizeLinear. */
    private static void quantizeConv(NodeProto c, Map<String, TensorProto> inits, QuantParams x,
                                     GraphProto.Builder out, List<NodeProto> nodes) {
        TensorProto wt = inits.get(c.getInput(1));
        if (wt == null) {
            throw new IllegalArgumentException("Conv '" + c.getName() + "' has no weight initializer");
        }
        int[] shape = wt.getDimsList().stream().mapToInt(Long::intValue).toArray();
        float[] wf = QdqProtos.floats(wt);
        double[] wd = new double[wf.length];
        for (int i = 0; i < wd.length; i++) {
            wd[i] = wf[i];
        }
        Tensor w = new Tensor(shape, wd);
        QuantParams[] pc = KernelQuant.perChannel(w);
        int o = shape[0];
        float[] scales = new float[o];
        for (int i = 0; i < o; i++) {
            scales[i] = pc[i].scale();
        }
        String name = wt.getName();
        long[] dims = wt.getDimsList().stream().mapToLong(Long::longValue).toArray();
        out.addInitializer(QdqProtos.int8(name + "_q", dims, KernelQuant.quantize(w, pc)));
        out.addInitializer(QdqProtos.floats(name + "_scale", new long[] {o}, scales));
        out.addInitializer(QdqProtos.int8(name + "_zero", new long[] {o}, new int[o]));
        nodes.add(QdqProtos.perChannelDq(name + "_DequantizeLinear", name, name + "_q", name + "_scale", name + "_zero"));
        if (c.getInputCount() < 3 || c.getInput(2).isEmpty()) {
            return;
        }
        TensorProto bt = inits.get(c.getInput(2));
        float[] bf = QdqProtos.floats(bt);
        int[] bq = new int[o];
        float[] bs = new float[o];
        for (int i = 0; i < o; i++) {
            QuantParams q = QuantParams.int32Bias(x.scale(), scales[i]);
            bq[i] = q.quantize(bf[i]);
            bs[i] = q.scale();
        }
        String b = bt.getName();
        out.addInitializer(QdqProtos.int32(b + "_q", new long[] {o}, bq));
        out.addInitializer(QdqProtos.floats(b + "_scale", new long[] {o}, bs));
        out.addInitializer(QdqProtos.int32(b + "_zero", new long[] {o}, new int[o]));
        nodes.add(QdqProtos.perChannelDq(b + "_DequantizeLinear", b, b + "_q", b + "_scale", b + "_zero"));
    }

    /** Appends QuantizeLinear(from) and DequantizeLinear into {@code to}; returns {@code to}. */
    private static String qdq(String tensor, String from, String to, QuantParams q, GraphProto.Builder out,
                              List<NodeProto> nodes) {
        out.addInitializer(QdqProtos.floats(tensor + "_act_scale", new long[0], new float[] {q.scale()}));
        out.addInitializer(QdqProtos.uint8Scalar(tensor + "_act_zero", q.zeroPoint()));
        nodes.add(QdqProtos.node("QuantizeLinear", tensor + "_QuantizeLinear", tensor + "_q", from,
                tensor + "_act_scale", tensor + "_act_zero"));
        nodes.add(QdqProtos.node("DequantizeLinear", tensor + "_DequantizeLinear", to, tensor + "_q",
                tensor + "_act_scale", tensor + "_act_zero"));
        return to;
    }

    /** Op counts of the graph ONNX Runtime runs (extended optimizations, where QDQ groups become integer ops). */
    static Map<String, Integer> optimizedOps(byte[] model) throws IOException, OrtException {
        Path file = Files.createTempFile("repstudio-int8-optimized", ".onnx");
        try {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
                o.setOptimizedModelFilePath(file.toString());
                try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model, o)) {
                    // creating the session writes the optimized model
                }
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (NodeProto n : ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getNodeList()) {
                counts.merge(n.getOpType(), 1, Integer::sum);
            }
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {max |int8 - float|, max |float|, top-1 agreement or NaN, images} over the first calibration batches. */
    private static double[] compare(byte[] floatModel, byte[] int8Model, CalibrationSet data) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double maxDiff = 0;
        double maxAbs = 0;
        int agree = 0;
        int images = 0;
        boolean flat = false;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession f = env.createSession(floatModel, o); OrtSession q = env.createSession(int8Model, o)) {
                String in = f.getInputNames().iterator().next();
                for (int b = 0; b < Math.min(COMPARED_BATCHES, data.batches().size()); b++) {
                    long[] shape = data.shape(b);
                    float[] a = OrtEvaluation.run(env, f, in, data.batches().get(b), shape);
                    float[] c = OrtEvaluation.run(env, q, in, data.batches().get(b), shape);
                    for (int i = 0; i < a.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a[i] - c[i]));
                        maxAbs = Math.max(maxAbs, Math.abs(a[i]));
                    }
                    int n = (int) shape[0];
                    int per = a.length / n;
                    flat = per < a.length && isFlat(f);
                    for (int i = 0; i < n; i++) {
                        agree += OrtEvaluation.argMax(a, i * per, per) == OrtEvaluation.argMax(c, i * per, per) ? 1 : 0;
                    }
                    images += n;
                }
            }
        }
        return new double[] {maxDiff, maxAbs, flat ? (double) agree / images : Double.NaN, images};
    }

    private static boolean isFlat(OrtSession s) throws OrtException {
        var info = (ai.onnxruntime.TensorInfo) s.getOutputInfo().values().iterator().next().getInfo();
        return info.getShape().length == 2;
    }
}
