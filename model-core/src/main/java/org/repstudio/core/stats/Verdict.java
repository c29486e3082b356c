package org.repstudio.core.stats;

/** What the 95% interval of {@code mean(A) - mean(B)} says. */
public enum Verdict {
    /** The interval lies above zero. */
    A_BETTER,
    /** The interval lies below zero. */
    B_BETTER,
    /** The interval contains zero: the seeds' spread hides any difference. */
    WITHIN_NOISE,
    /** Fewer than two values in an arm: no spread, so no interval. */
    TOO_FEW_SEEDS
}
