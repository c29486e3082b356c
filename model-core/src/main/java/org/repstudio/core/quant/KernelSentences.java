package org.repstudio.core.quant;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The lines a person reads about a {@link KernelReport}, shared by the CLI and the app. */
public final class KernelSentences {

    private KernelSentences() {
    }

    /** "add [16, 16, 3, 3]: range spread 1.9x ..., INT8 round-trip error 2.63% per tensor, 1.50% per channel; ..." */
    public static String summary(KernelReport r) {
        return String.format("%s %s: range spread %.1fx (widest channel max|w| over the median), INT8 round-trip error "
                        + "%.2f%% per tensor, %.2f%% per channel; %d outlier(s) beyond %.0f sd", r.node(),
                Arrays.toString(r.shape()), r.rangeSpread(), 100 * r.tensorError(), 100 * r.channelsError(),
                r.outlierCount(), KernelAnalysis.OUTLIER_SIGMAS);
    }

    /** "channel 7's range (max|w| 2.016 at in 7, 1,1) is 83% bn_id, 12% conv3x3+bn3x3, ...". */
    public static String widest(KernelReport r, KernelReport.WidestChannel c) {
        KernelReport.Entry e = c.extreme();
        String where = String.format("channel %d's range (max|w| %.4g at in %d, %d,%d) is ", c.channel(), c.maxAbs(),
                e.input(), e.row(), e.col());
        if (!r.attributed()) {
            return where + "not split: the kernel was not made by a branch sum";
        }
        String shares = c.shares().stream().sorted((a, b) -> Double.compare(b.share(), a.share()))
                .map(s -> String.format("%.0f%% %s", 100 * s.share(), s.branch())).collect(Collectors.joining(", "));
        return String.format("%s%s; per-tensor INT8 error in it %.2f%%", where, shares,
                100 * r.errorPerTensor()[c.channel()]);
    }

    /** The channel a single per-tensor scale hurts most, with its error under its own scale. */
    public static String worst(KernelReport r) {
        int worst = 0;
        for (int i = 1; i < r.outChannels(); i++) {
            if (r.errorPerTensor()[i] > r.errorPerTensor()[worst]) {
                worst = i;
            }
        }
        return String.format("worst channel under one per-tensor scale: %d (%.2f%% error; %.2f%% with its own scale)",
                worst, 100 * r.errorPerTensor()[worst], 100 * r.errorPerChannel()[worst]);
    }
}
