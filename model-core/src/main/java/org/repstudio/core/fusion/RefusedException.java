package org.repstudio.core.fusion;

import java.util.List;
import org.repstudio.core.algebra.NotExactException;
import org.repstudio.core.algebra.RefusalKind;

/** A refusal with the nodes it blames and the border and interior error the naive fusion would have made. */
final class RefusedException extends NotExactException {

    private static final long serialVersionUID = 1L;

    final transient List<String> blamed;
    final double border;
    final double interior;

    RefusedException(RefusalKind kind, String reason, List<String> blamed, double border, double interior) {
        super(kind, reason);
        this.blamed = List.copyOf(blamed);
        this.border = border;
        this.interior = interior;
    }
}
