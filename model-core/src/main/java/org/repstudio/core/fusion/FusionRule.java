package org.repstudio.core.fusion;

/** The rewrite each fusion step applies, with its display name and the formula it rests on. */
public enum FusionRule {
    BN_FOLD("BN fold", "W' = W*g/sqrt(v+eps), b' = beta + (b - mean)*g/sqrt(v+eps)"),
    SCALE_FOLD("scale fold", "W' = W*s, b' = b*s"),
    BN_AS_CONV("BN as 1x1 conv", "K = diag(g/sqrt(v+eps)), b = beta - mean*g/sqrt(v+eps)"),
    SCALE_AS_CONV("scale as 1x1 conv", "K = diag(s), b = 0"),
    IDENTITY_AS_CONV("identity as dirac kernel", "K[i, i mod (C/groups), 0, 0] = 1, b = 0"),
    AVGPOOL_AS_CONV("avg-pool as conv", "K[i, 0, :, :] = 1/(kH*kW), b = 0"),
    PAD_AS_CONV("zero pad as conv", "K = dirac 1x1, input padded with zeros"),
    PAD_FOLD("pad moved onto the input", "pad_fill(W*x + b) = W*pad_0(x) + b for a 1x1 conv when fill = b"),
    SEQUENTIAL_MERGE("sequential merge", "K = K2 (*) K1, b = b2 + sum(K2 * b1)"),
    BRANCH_SUM("branch sum", "K = sum_i pad(K_i), b = sum_i b_i"),
    DEPTH_CONCAT("depth concat", "K = [K_1; K_2; ...], b = [b_1; b_2; ...]"),
    SHARED_SPLIT("shared conv duplicated", "y = K*x read by n consumers becomes n copies of K*x"),
    RESIDUAL_REMOVAL("residual removed (RMNet)",
            "conv_i' = [conv_i; dirac], act passes the carried x, conv_n' = [conv_n, S]: y = conv_n(h) + S*x"),
    CONV_INTO_LINEAR("conv merged into FC (RepMLP)", "W' = W + M(conv), M read off the conv's output on an identity batch"),
    PRUNE_CHANNELS("compactor rows pruned (ResRep)", "rows with ||Q_r|| < t output zeros: drop them and the next convs' inputs");

    private final String displayName;
    private final String formula;

    FusionRule(String displayName, String formula) {
        this.displayName = displayName;
        this.formula = formula;
    }

    public String displayName() {
        return displayName;
    }

    /** The general formula; each step adds its own specifics. */
    public String formula() {
        return formula;
    }
}
