package org.repstudio.cli;

/** Bad input for exit code 2, with a message for the user. */
final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
