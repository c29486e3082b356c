package org.repstudio.core.fusion;

import java.util.Optional;
import org.repstudio.core.algebra.RefusalKind;

/** A change to the design that makes a refused fusion exact, offered where the refusal's kind has one. */
public enum Remedy {
    /** DBB's BN-and-pad: pad with the bias the op before outputs for a zero input, instead of zero. */
    BIAS_PADDING("use bias padding (a Pad node in bias mode between them, and no padding on the conv after it)");

    private final String advice;

    Remedy(String advice) {
        this.advice = advice;
    }

    /** The remedy in words, as the refusal's reason ends. */
    public String advice() {
        return advice;
    }

    /** The remedy for a refusal of {@code kind}, if there is one. */
    public static Optional<Remedy> of(RefusalKind kind) {
        return kind == RefusalKind.BIASED_ZERO_PADDING ? Optional.of(BIAS_PADDING) : Optional.empty();
    }
}
