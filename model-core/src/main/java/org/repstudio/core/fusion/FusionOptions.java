package org.repstudio.core.fusion;

/**
 * How the planner fuses.
 *
 * @param measureSteps    run each step before and after on a small random input in float64
 * @param removeResiduals RMNet: turn residual blocks that no linear fusion can absorb into plain
 *                        conv-activation chains by reserving channels that carry the block input
 *                        (wider convs, no branches); off by default because it adds parameters
 */
public record FusionOptions(boolean measureSteps, boolean removeResiduals) {

    public static final FusionOptions DEFAULT = new FusionOptions(true, false);

    /** The options a design's method asks for: RMNet designs remove their residuals. */
    public static FusionOptions forMethod(String method, boolean measureSteps) {
        return new FusionOptions(measureSteps, method != null && method.equalsIgnoreCase("RMNet"));
    }
}
