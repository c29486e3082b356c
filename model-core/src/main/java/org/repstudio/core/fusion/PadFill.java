package org.repstudio.core.fusion;

import java.util.List;
import org.repstudio.core.algebra.PerChannel;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/**
 * The per-channel value a {@link Op.Pad} writes into the border: zeros, or in BIAS mode the producing
 * op's own bias (a BN's {@code beta - mean*gamma/sqrt(var+eps)}, a conv's bias), as DBB's BN-and-pad.
 */
public final class PadFill {

    private PadFill() {
    }

    public static double[] of(Graph graph, Weights weights, String padId, int channels) {
        Op.Pad pad = (Op.Pad) graph.node(padId).op();
        if (pad.mode() == Op.PadMode.ZERO) {
            return new double[channels];
        }
        List<String> in = graph.inputsOf(padId);
        Node producer = graph.node(in.get(0));
        if (producer.op() instanceof Op.BatchNorm bn) {
            String id = producer.id();
            return PerChannel.ofBatchNorm(weights.get(id, "gamma"), weights.get(id, "beta"), weights.get(id, "mean"),
                    weights.get(id, "var"), bn.eps())[1];
        }
        if (producer.op() instanceof Op.Conv c && c.bias()) {
            return weights.get(producer.id(), "bias").data().clone();
        }
        throw new IllegalArgumentException("node '" + padId + "': bias padding needs a BatchNorm or a biased conv"
                + " before it, got " + producer.op().kind());
    }
}
