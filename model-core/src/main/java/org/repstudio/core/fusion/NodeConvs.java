package org.repstudio.core.fusion;

import java.util.LinkedHashMap;
import java.util.Map;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.AvgPoolKernel;
import org.repstudio.core.algebra.Dirac;
import org.repstudio.core.algebra.PerChannel;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/** Converts between graph nodes (with their weights) and the {@link AffineConv} value. */
final class NodeConvs {

    /** BN in eval mode as {scale, shift} per channel. */
    @FunctionalInterface
    interface BatchNormTransform {
        double[][] apply(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps);
    }

    /**
     * The BN-as-conv formula the fusion uses; only WrongTransformTest swaps it, for a deliberately wrong one, to
     * show that the reference (which never calls it) then reports the step error.
     */
    static volatile BatchNormTransform batchNormTransform = PerChannel::ofBatchNorm;

    private NodeConvs() {
    }

    /** The affine conv a linear node computes on a tensor of {@code channels} channels. */
    static AffineConv toAffine(Graph graph, Weights w, Node node, int channels) {
        Op op = node.op();
        String id = node.id();
        if (op instanceof Op.Conv c) {
            Tensor bias = c.bias() ? w.get(id, "bias") : Tensor.zeros(c.outChannels());
            return new AffineConv(w.get(id, "weight"), bias, c.strideH(), c.strideW(), c.padding(), c.dilationH(),
                    c.dilationW(), c.groups());
        }
        if (op instanceof Op.BatchNorm bn) {
            double[][] st = batchNormTransform.apply(w.get(id, "gamma"), w.get(id, "beta"), w.get(id, "mean"),
                    w.get(id, "var"), bn.eps());
            return PerChannel.asConv(st[0], st[1]);
        }
        if (op instanceof Op.Scale) {
            return PerChannel.asConv(w.get(id, "scale").data(), new double[channels]);
        }
        if (op instanceof Op.AvgPool p) {
            return AvgPoolKernel.asConv(channels, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padding());
        }
        if (op instanceof Op.Identity) {
            return Dirac.identity(channels, channels, 1, 1);
        }
        if (op instanceof Op.Pad p && p.mode() == Op.PadMode.ZERO) {
            return Dirac.identity(channels, channels, 1, 1).withPadding(p.padding());
        }
        throw new IllegalArgumentException("node '" + id + "' (" + op.kind() + ") is not a conv in disguise");
    }

    static Op.Conv toOp(AffineConv c) {
        return new Op.Conv(c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padding(),
                c.dilationH(), c.dilationW(), c.groups(), true);
    }

    static Map<String, Tensor> toParams(AffineConv c) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", c.weight());
        m.put("bias", c.bias());
        return m;
    }
}
