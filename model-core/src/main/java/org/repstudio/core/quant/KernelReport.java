package org.repstudio.core.quant;

import java.util.List;

/**
 * What symmetric INT8 does to one fused kernel [O, C/g, kH, kW].
 *
 * @param node            the fused conv's id
 * @param shape           the kernel's shape
 * @param channelMin      smallest weight of each output channel
 * @param channelMax      largest weight of each output channel
 * @param tensorError     ||w - q(w)|| / ||w|| with one scale for the whole kernel
 * @param channelsError   the same with one scale per output channel
 * @param errorPerTensor  each channel's relative round-trip error under the one per-tensor scale
 * @param errorPerChannel each channel's relative round-trip error under its own scale
 * @param rangeSpread     largest channel max|w| over the median one: how much a per-tensor scale wastes
 * @param outliers        entries more than {@link KernelAnalysis#OUTLIER_SIGMAS} standard deviations from the mean
 * @param widest          the channels with the widest range, each with its branches' shares
 * @param attributed      whether the kernel could be split into branches (it came from a branch sum)
 */
public record KernelReport(String node, int[] shape, double[] channelMin, double[] channelMax, double tensorError,
                           double channelsError, double[] errorPerTensor, double[] errorPerChannel, double rangeSpread,
                           int outlierCount, List<Entry> outliers, List<WidestChannel> widest, boolean attributed) {

    /** One kernel entry: output channel, input channel (within its group), row, column, value. */
    public record Entry(int channel, int input, int row, int col, double value) {
    }

    /** A branch.s share of one entry (shares of an entry sum to 1) and its part of the fused value. */
    public record Share(String branch, double contribution, double share) {
    }

    /** A channel whose range is among the widest; {@code extreme} is its largest |w|, split into branch shares. */
    public record WidestChannel(int channel, double maxAbs, Entry extreme, List<Share> shares) {
        /** The branch with the largest share, if the kernel was attributed. */
        public java.util.Optional<Share> dominant() {
            return shares.stream().max(java.util.Comparator.comparingDouble(Share::share));
        }
    }

    public int outChannels() {
        return shape[0];
    }
}
