package org.repstudio.core.algebra;

import java.util.ArrayList;
import java.util.List;

/**
 * Branches on the same input, concatenated along channels: kernels and biases stacked along the output
 * axis, {@code K = [K_1; K_2; ...]}, after aligning windows; the result is a dense (groups 1) conv
 * unless every branch shares one grouping that stays valid when stacked.
 */
public final class DepthConcat {

    private DepthConcat() {
    }

    public static AffineConv concat(List<AffineConv> branches) {
        AffineConv first = branches.get(0);
        List<AffineConv> dense = new ArrayList<>();
        for (AffineConv b : branches) {
            if (b.inChannels() != first.inChannels()) {
                throw new IllegalArgumentException("branches read " + first.inChannels() + " and " + b.inChannels()
                        + " channels");
            }
            dense.add(GroupExpansion.expand(b, 1));
        }
        List<AffineConv> aligned = WindowAlignment.align(dense).convs();
        int out = 0;
        for (AffineConv b : aligned) {
            out += b.outChannels();
        }
        AffineConv base = aligned.get(0);
        int per = base.weight().size() / base.outChannels();
        double[] w = new double[out * per];
        double[] bias = new double[out];
        int o = 0;
        for (AffineConv b : aligned) {
            System.arraycopy(b.weight().data(), 0, w, o * per, b.weight().size());
            System.arraycopy(b.bias().data(), 0, bias, o, b.outChannels());
            o += b.outChannels();
        }
        Tensor weight = new Tensor(new int[] {out, base.weight().dim(1), base.kernelH(), base.kernelW()}, w);
        return new AffineConv(weight, Tensor.vector(bias), base.strideH(), base.strideW(), base.padding(),
                base.dilationH(), base.dilationW(), 1);
    }
}
