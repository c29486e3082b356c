package org.repstudio.core.fusion;

/**
 * How the planner fuses.
 *
 * @param measureSteps    run each step before and after on a small random input in float64
 * @param removeResiduals RMNet: turn residual blocks that no linear fusion can absorb into plain
 *                        conv-activation chains by reserving channels that carry the block input
 *                        (wider convs, no branches); off by default because it adds parameters
 * @param pruneThreshold  ResRep: before fusing, drop compactor rows (1x1 convs after a BN) whose norm
 *                        is below this, with the matching input channels of the convs reading them;
 *                        0 turns pruning off
 */
public record FusionOptions(boolean measureSteps, boolean removeResiduals, double pruneThreshold) {

    public static final FusionOptions DEFAULT = new FusionOptions(true, false, 0);

    /** ResRep's threshold on a compactor row's L2 norm. */
    public static final double RESREP_THRESHOLD = 1e-5;

    /** The options a design's method asks for: RMNet removes residuals, ResRep prunes compactors. */
    public static FusionOptions forMethod(String method, boolean measureSteps) {
        boolean rmnet = method != null && method.equalsIgnoreCase("RMNet");
        boolean resrep = method != null && method.equalsIgnoreCase("ResRep");
        return new FusionOptions(measureSteps, rmnet, resrep ? RESREP_THRESHOLD : 0);
    }
}
