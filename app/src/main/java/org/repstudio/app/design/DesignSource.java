package org.repstudio.app.design;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a design file into what the editor draws. Tests pass their own; the app finds the real one. */
@FunctionalInterface
public interface DesignSource {

    /** Reads {@code file}; the exception's message is shown to the user as is. */
    LoadedDesign load(Path file) throws IOException;

    /** The real reader: {@link DesignIoSource}, over {@code org.repstudio.core.io.DesignIO}. */
    static DesignSource discover() {
        return new DesignIoSource();
    }
}
