package org.repstudio.core.algebra;

/** Thrown by a transform whose preconditions for an exact result do not hold; the kind and message say why. */
public class NotExactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RefusalKind kind;

    public NotExactException(RefusalKind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public RefusalKind kind() {
        return kind;
    }
}
