package org.repstudio.core.io;

import java.io.IOException;

/**
 * A design file or a weights sidecar could not be read because of what is in it (not because the disk
 * failed). The message always starts with the file's name and names the place, for example
 * {@code repvgg.json: nodes[3] (id "c1").kernel: expected [h, w] integers, got "three"}.
 * It is an {@link IOException} so one {@code catch} covers "could not open" and "could not make sense of".
 */
public final class DesignFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DesignFormatException(String message) {
        super(message);
    }

    public DesignFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
