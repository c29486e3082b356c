package org.repstudio.core.quant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.BranchContributions;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Op;

/** Builds a {@link KernelReport} for every conv of a fused design, with branch shares from its fusion trace. */
public final class KernelAnalysis {

    /** An entry this many standard deviations from its kernel's mean is an outlier. */
    public static final double OUTLIER_SIGMAS = 6;
    /** How many outliers a report lists (it counts all of them). */
    public static final int LISTED_OUTLIERS = 8;
    /** How many of the widest channels are split into branch shares. */
    public static final int WIDEST = 3;

    private KernelAnalysis() {
    }

    /**
     * One report per conv of {@code trace.fused()} that a region collapsed into, in graph order. Throws
     * {@link IllegalArgumentException} when the trace fused nothing.
     */
    public static List<KernelReport> of(FusionTrace trace) {
        if (trace.steps().isEmpty()) {
            throw new IllegalArgumentException("nothing was fused: the design has no linear region with more "
                    + "than one node, so there is no fused kernel to analyse");
        }
        java.util.Set<String> made = new java.util.HashSet<>();
        trace.steps().forEach(s -> made.add(s.nodeOut()));
        List<KernelReport> out = new ArrayList<>();
        for (String id : trace.fused().topologicalOrder().orElseThrow()) {
            if (trace.fused().node(id).op() instanceof Op.Conv && made.contains(id)) {
                out.add(analyse(id, trace.fusedWeights().get(id, "weight"), BranchContributions.of(trace, id)));
            }
        }
        return List.copyOf(out);
    }

    /** The report of one kernel w [O, C/g, kH, kW], split into {@code branches} when given. */
    public static KernelReport analyse(String node, Tensor w,
                                       Optional<List<BranchContributions.Branch>> branches) {
        int o = w.dim(0);
        int n = KernelQuant.perChannelSize(w);
        double[] min = new double[o];
        double[] max = new double[o];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < w.size(); i++) {
            min[i / n] = Math.min(min[i / n], w.get(i));
            max[i / n] = Math.max(max[i / n], w.get(i));
        }
        Tensor perTensor = KernelQuant.roundTrip(w, KernelQuant.perTensor(w));
        Tensor perChannel = KernelQuant.roundTrip(w, KernelQuant.perChannel(w));
        double[] maxAbs = KernelQuant.channelMaxAbs(w);
        double[] sorted = maxAbs.clone();
        Arrays.sort(sorted);
        double median = sorted[o / 2];
        double spread = median > 0 ? sorted[o - 1] / median : Double.POSITIVE_INFINITY;

        double mean = Arrays.stream(w.data()).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(w.data()).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        List<KernelReport.Entry> outliers = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            if (sd > 0 && Math.abs(w.get(i) - mean) > OUTLIER_SIGMAS * sd) {
                outliers.add(entry(w, i));
            }
        }
        outliers.sort(Comparator.comparingDouble((KernelReport.Entry e) -> -Math.abs(e.value())));
        int outlierCount = outliers.size();

        Integer[] order = new Integer[o];
        for (int c = 0; c < o; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -maxAbs[c]));
        List<KernelReport.WidestChannel> widest = new ArrayList<>();
        for (int k = 0; k < Math.min(WIDEST, o); k++) {
            int c = order[k];
            int at = argMaxAbs(w, c * n, (c + 1) * n);
            List<KernelReport.Share> shares = new ArrayList<>();
            if (branches.isPresent()) {
                // shares are read at the sum: a fold after it (a BN) scales the whole channel, shares included
                double sum = branches.get().stream().mapToDouble(b -> b.weight().get(at)).sum();
                for (BranchContributions.Branch b : branches.get()) {
                    double share = sum != 0 ? b.weight().get(at) / sum : 0;
                    shares.add(new KernelReport.Share(b.label(), share * w.get(at), share));
                }
            }
            widest.add(new KernelReport.WidestChannel(c, maxAbs[c], entry(w, at), List.copyOf(shares)));
        }
        return new KernelReport(node, w.shape(), min, max, KernelQuant.relativeError(w, perTensor),
                KernelQuant.relativeError(w, perChannel), KernelQuant.channelRelativeError(w, perTensor),
                KernelQuant.channelRelativeError(w, perChannel), spread, outlierCount,
                List.copyOf(outliers.subList(0, Math.min(LISTED_OUTLIERS, outlierCount))), List.copyOf(widest),
                branches.isPresent());
    }

    private static int argMaxAbs(Tensor w, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (Math.abs(w.get(i)) > Math.abs(w.get(best))) {
                best = i;
            }
        }
        return best;
    }

    private static KernelReport.Entry entry(Tensor w, int flat) {
        int kh = w.dim(2);
        int kw = w.dim(3);
        int cin = w.dim(1);
        int col = flat % kw;
        int row = (flat / kw) % kh;
        int in = (flat / (kw * kh)) % cin;
        int out = flat / (kw * kh * cin);
        return new KernelReport.Entry(out, in, row, col, w.get(flat));
    }
}
