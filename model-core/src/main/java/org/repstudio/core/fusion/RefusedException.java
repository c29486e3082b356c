package org.repstudio.core.fusion;

import org.repstudio.core.algebra.NotExactException;

/** A refusal with the border and interior error the naive fusion would have made. */
final class RefusedException extends NotExactException {
    final double border;
    final double interior;

    RefusedException(String reason, double border, double interior) {
        super(reason);
        this.border = border;
        this.interior = interior;
    }
}
