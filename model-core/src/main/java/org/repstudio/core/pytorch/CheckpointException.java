package org.repstudio.core.pytorch;

import java.io.IOException;

/** A checkpoint that cannot be read or does not fit the design; the message names the file and the key. */
public final class CheckpointException extends IOException {
    public CheckpointException(String message) {
        super(message);
    }
}
