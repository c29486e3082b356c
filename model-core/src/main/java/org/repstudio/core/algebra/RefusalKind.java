package org.repstudio.core.algebra;

/** Why a fusion is not exact, as a value a caller can act on (the message says it in words). */
public enum RefusalKind {
    /** Parallel branches step over the input with different strides: their output grids differ. */
    STRIDES_DIFFER,
    /** A kernel (or an identity) has no centre to align the branches on. */
    NO_KERNEL_CENTRE,
    /** Padding after a spatial or strided op cannot move onto that op's input. */
    PADDING_AFTER_SPATIAL_OP,
    /** Zero padding after an op with a bias: the fused conv would put the bias on the border, not zero. */
    BIASED_ZERO_PADDING,
    /** A padding value other than what the op before it outputs for a zero input. */
    PADDING_VALUE_DIFFERS,
    /** No rewrite moves the region any further (a nonlinearity inside, an unsupported op mix). */
    NO_EXACT_REWRITE,
    /** A sum or concatenation joins branches that come from different inputs. */
    UNFUSABLE_JOIN,
    /** The region is read from outside at several nodes; one fused conv has one output. */
    READ_AT_SEVERAL_EXITS
}
