package org.repstudio.core.algebra;

import java.util.ArrayList;
import java.util.List;

/**
 * Parallel branches on the same input, summed: {@code K = sum pad(K_i)}, {@code b = sum b_i}, after
 * aligning the windows and expanding every branch to the common (coarsest) grouping.
 */
public final class BranchSum {

    private BranchSum() {
    }

    public static AffineConv sum(List<AffineConv> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum");
        }
        AffineConv first = branches.get(0);
        int groups = first.groups();
        for (AffineConv b : branches) {
            if (b.inChannels() != first.inChannels() || b.outChannels() != first.outChannels()) {
                throw new IllegalArgumentException("branches map " + first.inChannels() + "->" + first.outChannels()
                        + " and " + b.inChannels() + "->" + b.outChannels() + " channels");
            }
            groups = GroupExpansion.gcd(groups, b.groups());
        }
        List<AffineConv> regrouped = new ArrayList<>();
        for (AffineConv b : branches) {
            regrouped.add(GroupExpansion.expand(b, groups));
        }
        List<AffineConv> aligned = WindowAlignment.align(regrouped).convs();
        AffineConv base = aligned.get(0);
        double[] w = base.weight().data().clone();
        double[] bias = base.bias().data().clone();
        for (int i = 1; i < aligned.size(); i++) {
            double[] wi = aligned.get(i).weight().data();
            double[] bi = aligned.get(i).bias().data();
            for (int k = 0; k < w.length; k++) {
                w[k] += wi[k];
            }
            for (int k = 0; k < bias.length; k++) {
                bias[k] += bi[k];
            }
        }
        return base.withWeight(new Tensor(base.weight().shape(), w), Tensor.vector(bias));
    }
}
