package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.BranchSum;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Weights;

/**
 * Splits a fused kernel into what each summed branch put into it. The branch sum is linear, so branch i's
 * contribution is the sum with every other branch's kernel set to zero (same window alignment and group
 * expansion as the real sum). Read at the last branch-sum step that produced the fused node; folds after
 * the sum (QARepVGG's BN) scale every branch of an output channel alike, so the shares of a channel hold.
 */
public final class BranchContributions {

    /**
     * One branch: the original nodes merged into it (e.g. conv3x3, bn3x3), and its kernel [O, C/g, kH, kW]
     * as it enters the sum, in the sum's layout.
     */
    public record Branch(List<String> origins, Tensor weight) {
        public String label() {
            return String.join("+", origins);
        }
    }

    private BranchContributions() {
    }

    /**
     * The branches of fused node {@code fusedId}, or empty when it was not made by a branch sum or a later
     * step changed its kernel's shape (then the split would not line up with the fused kernel).
     */
    public static Optional<List<Branch>> of(FusionTrace trace, String fusedId) {
        List<FusionStep> steps = trace.steps();
        FusionStep sum = null;
        for (FusionStep s : steps) {
            if (s.rule() == FusionRule.BRANCH_SUM && s.nodeOut().equals(fusedId)) {
                sum = s;
            }
        }
        if (sum == null || !trace.fused().contains(fusedId)) {
            return Optional.empty();
        }
        Tensor summed = sum.tensorsAfter().get("weight");
        Tensor fused = trace.fusedWeights().get(fusedId, "weight");
        if (!java.util.Arrays.equals(summed.shape(), fused.shape())) {
            return Optional.empty();
        }
        Graph before = sum.index() > 1 ? steps.get(sum.index() - 2).graphAfter() : trace.original();
        List<String> ids = sum.nodesIn().subList(0, sum.nodesIn().size() - 1);
        List<AffineConv> convs = new ArrayList<>();
        for (String id : ids) {
            convs.add(NodeConvs.toAffine(before, new Weights(sum.tensorsBefore()),
                    before.node(id), 0));
        }
        List<Branch> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<AffineConv> only = new ArrayList<>();
            for (int j = 0; j < convs.size(); j++) {
                AffineConv c = convs.get(j);
                only.add(i == j ? c : c.withWeight(Tensor.zeros(c.weight().shape()), Tensor.zeros(c.outChannels())));
            }
            Tensor w = BranchSum.sum(only).weight();
            if (!java.util.Arrays.equals(w.shape(), fused.shape())) {
                return Optional.empty();
            }
            out.add(new Branch(origins(trace, ids.get(i), sum.index()), w));
        }
        return Optional.of(List.copyOf(out));
    }

    /** The nodes of the original design that were merged into {@code id} before step {@code beforeStep}. */
    static List<String> origins(FusionTrace trace, String id, int beforeStep) {
        Set<String> found = new LinkedHashSet<>();
        collect(trace, id, beforeStep, found);
        return List.copyOf(found);
    }

    private static void collect(FusionTrace trace, String id, int beforeStep, Set<String> found) {
        FusionStep maker = null;
        for (FusionStep s : trace.steps()) {
            if (s.index() < beforeStep && s.nodeOut().equals(id)) {
                maker = s;
            }
        }
        if (maker == null) {
            if (trace.original().contains(id) && !(trace.original().node(id).op() instanceof Op.Input)) {
                found.add(id);
            }
            return;
        }
        for (String n : maker.nodesIn()) {
            collect(trace, n, maker.index(), found);
        }
        if (maker.rule() == FusionRule.IDENTITY_AS_CONV) {
            found.add("identity"); // a raw shortcut, wrapped as a dirac kernel by the planner
        }
    }
}
