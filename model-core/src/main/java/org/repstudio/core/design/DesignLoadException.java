package org.repstudio.core.design;

/** A design or its weights could not be loaded; the message names the file and is meant for the user. */
public final class DesignLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public DesignLoadException(String message) {
        super(message);
    }
}
