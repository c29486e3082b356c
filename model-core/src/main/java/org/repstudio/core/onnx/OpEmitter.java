package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.AvgPoolKernel;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.PadFill;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Writes the ONNX node(s) of one design node into a graph under construction. Each op maps to its ONNX
 * counterpart (opset 17); the two without one are spelled out exactly: a BIAS pad is a zero Pad plus a
 * constant border tensor, an n-ary sum is a chain of Adds in input order, as DJL adds them.
 */
final class OpEmitter {

    private final Graph graph;
    private final Weights weights;
    private final Map<String, TensorShape> shapes;
    private final ValueNames names;
    private final Map<String, String> valueOf;
    private final GraphProto.Builder out;

    OpEmitter(Graph graph, Weights weights, Map<String, TensorShape> shapes, ValueNames names,
              Map<String, String> valueOf, GraphProto.Builder out) {
        this.graph = graph;
        this.weights = weights;
        this.shapes = shapes;
        this.names = names;
        this.valueOf = valueOf;
        this.out = out;
    }

    /** Emits {@code n}; its result lands in the value named {@code valueOf(n.id())}. */
    void node(Node n) {
        String id = n.id();
        Op op = n.op();
        List<String> producers = graph.inputsOf(id);
        List<String> in = new ArrayList<>();
        for (String p : producers) {
            in.add(valueOf.get(p));
        }
        String x = in.isEmpty() ? null : in.get(0);
        String y = valueOf.get(id);
        TensorShape xShape = producers.isEmpty() ? null : shapes.get(producers.get(0));
        if (op instanceof Op.Conv c) {
            conv(id, c, x, y);
        } else if (op instanceof Op.BatchNorm bn) {
            emit(id, "BatchNormalization", List.of(x, param(id, "gamma"), param(id, "beta"), param(id, "mean"),
                    param(id, "var")), y, Protos.real("epsilon", (float) bn.eps()));
        } else if (op instanceof Op.Scale) {
            emit(id, "Mul", List.of(x, param(id, "scale", perChannelShape(xShape))), y);
        } else if (op instanceof Op.AvgPool p) {
            avgPool(id, p, x, y, xShape);
        } else if (op instanceof Op.Pad p) {
            pad(id, p, x, y, xShape);
        } else if (op instanceof Op.Identity) {
            identity(id, x, y);
        } else if (op instanceof Op.Add) {
            sum(id, in, y);
        } else if (op instanceof Op.Concat) {
            emit(id, "Concat", in, y, Protos.integer("axis", 1));
        } else if (op instanceof Op.Relu) {
            emit(id, "Relu", List.of(x), y);
        } else if (op instanceof Op.PRelu) {
            // slope [C, 1, 1] broadcasts over [N, C, H, W]; on a flat [N, F] it is [F]
            int[] slope = xShape.flat() ? new int[] {xShape.channels()} : new int[] {xShape.channels(), 1, 1};
            emit(id, "PRelu", List.of(x, param(id, "alpha", slope)), y);
        } else if (op instanceof Op.GlobalAvgPool) {
            emit(id, "GlobalAveragePool", List.of(x), y);
        } else if (op instanceof Op.Flatten) {
            emit(id, "Flatten", List.of(x), y, Protos.integer("axis", 1));
        } else if (op instanceof Op.Linear l) {
            List<String> args = new ArrayList<>(List.of(x, param(id, "weight")));
            if (l.bias()) {
                args.add(param(id, "bias"));
            }
            emit(id, "Gemm", args, y, Protos.integer("transB", 1));
        } else if (op instanceof Op.Opaque o) {
            OpaqueNodes.emit(id, o, in, y, names, out);
        } else {
            throw new IllegalStateException("node '" + id + "': no ONNX mapping for op " + op.kind());
        }
    }

    void identity(String id, String x, String y) {
        emit(id, "Identity", List.of(x), y);
    }

    private void conv(String id, Op.Conv c, String x, String y) {
        List<String> args = new ArrayList<>(List.of(x, param(id, "weight")));
        if (c.bias()) {
            args.add(param(id, "bias"));
        }
        emit(id, "Conv", args, y, Protos.ints("kernel_shape", c.kernelH(), c.kernelW()),
                Protos.ints("strides", c.strideH(), c.strideW()), pads(c.padding()),
                Protos.ints("dilations", c.dilationH(), c.dilationW()), Protos.integer("group", c.groups()));
    }

    /**
     * AveragePool counting the zero padding (as RepStudio's avg-pool does). ONNX Runtime takes only
     * padding smaller than the kernel (and fuses an explicit Pad back into the pool), so a larger one, a
     * 1x1 pool with padding 1, goes out as the depthwise Conv with weights 1/(kH*kW) it equals.
     */
    private void avgPool(String id, Op.AvgPool p, String x, String y, TensorShape xShape) {
        Padding q = p.padding();
        if (Math.max(q.top(), q.bottom()) < p.kernelH() && Math.max(q.left(), q.right()) < p.kernelW()) {
            emit(id, "AveragePool", List.of(x), y, Protos.ints("kernel_shape", p.kernelH(), p.kernelW()),
                    Protos.ints("strides", p.strideH(), p.strideW()), pads(q), Protos.integer("count_include_pad", 1));
            return;
        }
        int c = xShape.channels();
        AffineConv k = AvgPoolKernel.asConv(c, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), q);
        String weight = initializer(Protos.floats(names.claim(id + ".weight"), k.weight()));
        emit(id, "Conv", List.of(x, weight), y, Protos.ints("kernel_shape", p.kernelH(), p.kernelW()),
                Protos.ints("strides", p.strideH(), p.strideW()), pads(q), Protos.integer("group", k.groups()));
    }

    /** ZERO: one Pad. BIAS: Pad with zeros, then Add of a [1, C, H', W'] tensor: bias on the border, 0 inside. */
    private void pad(String id, Op.Pad p, String x, String y, TensorShape xShape) {
        Padding q = p.padding();
        String pads = initializer(Protos.int64s(names.claim(id + ".pads"), 0, 0, q.top(), q.left(), 0, 0,
                q.bottom(), q.right()));
        if (p.mode() == Op.PadMode.ZERO) {
            emit(id, "Pad", List.of(x, pads), y, Protos.text("mode", "constant"));
            return;
        }
        String padded = names.claim(id + "/zero_padded");
        emit(id, "Pad", List.of(x, pads), padded, Protos.text("mode", "constant"));
        double[] fill = PadFill.of(graph, weights, id, xShape.channels());
        String border = initializer(Protos.floats(names.claim(id + ".border"), borderTensor(fill, xShape, q)));
        emit(names.claim(id + "/border"), "Add", List.of(padded, border), y);
    }

    /** [1, C, H+t+b, W+l+r]: {@code fill[c]} on the padded border of channel c, zero inside. */
    static Tensor borderTensor(double[] fill, TensorShape x, Padding p) {
        int h = x.height() + p.top() + p.bottom();
        int w = x.width() + p.left() + p.right();
        Tensor t = Tensor.zeros(1, fill.length, h, w);
        double[] d = t.data();
        for (int c = 0; c < fill.length; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    boolean inside = i >= p.top() && i < h - p.bottom() && j >= p.left() && j < w - p.right();
                    d[(c * h + i) * w + j] = inside ? 0 : fill[c];
                }
            }
        }
        return t;
    }

    /** ((a + b) + c) + ...: the order DJL sums in, so float32 rounding agrees. */
    private void sum(String id, List<String> in, String y) {
        String acc = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            String to = i == in.size() - 1 ? y : names.claim(id + "/partial" + i);
            emit(i == 1 ? id : names.claim(id + "/add" + i), "Add", List.of(acc, in.get(i)), to);
            acc = to;
        }
    }

    private static AttributeProto pads(Padding p) {
        // ONNX order: x1_begin, x2_begin, x1_end, x2_end with x1 = height, x2 = width
        return Protos.ints("pads", p.top(), p.left(), p.bottom(), p.right());
    }

    private static int[] perChannelShape(TensorShape x) {
        return x.flat() ? new int[] {1, x.channels()} : new int[] {1, x.channels(), 1, 1};
    }

    /** The initializer holding parameter {@code name} of node {@code id}, in its own shape. */
    private String param(String id, String name) {
        Tensor t = weights.get(id, name);
        return initializer(Protos.floats(names.claim(id + "." + name), t));
    }

    /** The same, reshaped so it broadcasts the way the op needs. */
    private String param(String id, String name, int[] shape) {
        Tensor t = weights.get(id, name);
        return initializer(Protos.floats(names.claim(id + "." + name), shape, t.data()));
    }

    private String initializer(TensorProto t) {
        out.addInitializer(t);
        return t.getName();
    }

    private void emit(String name, String opType, List<String> inputs, String output, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(opType).addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        out.addNode(n);
    }
}
