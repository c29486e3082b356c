package org.repstudio.core.algebra;

/** Thrown by a transform whose preconditions for an exact result do not hold; the message says why. */
public class NotExactException extends RuntimeException {
    public NotExactException(String reason) {
        super(reason);
    }
}
