package org.repstudio.core.quant;

import java.util.HashMap;
import java.util.Map;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.ConvApply;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/**
 * What an INT8 model computes, simulated in float64 without ONNX Runtime: weights rounded per output channel,
 * biases to INT32 steps of input scale x weight scale, and the given activations quantize-dequantized. The
 * reference an INT8 export is checked against. Covers fused convolutional graphs (Input, Conv, ReLU, Output).
 */
public final class FakeQuant {

    private FakeQuant() {
    }

    /**
     * Output of {@code fused} for x [N, C, H, W]; {@code input} quantizes the input, {@code byNode} the outputs of
     * the nodes it names.
     */
    public static Tensor run(Graph fused, Weights w, QuantParams input, Map<String, QuantParams> byNode, Tensor x) {
        Map<String, Tensor> values = new HashMap<>();
        Map<String, QuantParams> scaleOf = new HashMap<>();
        String out = null;
        for (String id : fused.topologicalOrder().orElseThrow()) {
            Node n = fused.node(id);
            Op op = n.op();
            if (op instanceof Op.Input) {
                values.put(id, roundTrip(x, input));
                scaleOf.put(id, input);
                continue;
            }
            String from = fused.inputsOf(id).get(0);
            Tensor in = values.get(from);
            Tensor y;
            if (op instanceof Op.Conv c) {
                QuantParams xq = scaleOf.get(from);
                if (xq == null) {
                    throw new IllegalArgumentException("conv '" + id + "' reads an unquantized tensor");
                }
                y = ConvApply.apply(quantizedConv(c, w.get(id, "weight"), c.bias() ? w.get(id, "bias")
                        : Tensor.zeros(c.outChannels()), xq), in);
            } else if (op instanceof Op.Relu) {
                double[] d = in.data().clone();
                for (int i = 0; i < d.length; i++) {
                    d[i] = Math.max(0, d[i]);
                }
                y = new Tensor(in.shape(), d);
            } else if (op instanceof Op.Output) {
                values.put(id, in);
                out = id;
                continue;
            } else {
                throw new IllegalArgumentException("fake quant covers Input, Conv, ReLU and Output; '" + id + "' is "
                        + op.kind());
            }
            QuantParams q = byNode.get(id);
            values.put(id, q != null ? roundTrip(y, q) : y);
            if (q != null) {
                scaleOf.put(id, q);
            } else if (op instanceof Op.Relu && scaleOf.containsKey(from)) {
                scaleOf.put(id, scaleOf.get(from));
            }
        }
        return values.get(out);
    }

    private static AffineConv quantizedConv(Op.Conv c, Tensor weight64, Tensor bias64, QuantParams x) {
        Tensor weight = Tensor.fromFloats(weight64.shape(), weight64.toFloats()); // as the model file stores them
        Tensor bias = Tensor.fromFloats(bias64.shape(), bias64.toFloats());
        QuantParams[] pc = KernelQuant.perChannel(weight);
        double[] b = new double[bias.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = QuantParams.int32Bias(x.scale(), pc[i].scale()).roundTrip(bias.get(i));
        }
        return new AffineConv(KernelQuant.roundTrip(weight, pc), Tensor.vector(b), c.strideH(), c.strideW(),
                c.padding(), c.dilationH(), c.dilationW(), c.groups());
    }

    private static Tensor roundTrip(Tensor t, QuantParams q) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = q.roundTrip(t.get(i));
        }
        return new Tensor(t.shape(), d);
    }
}
