package org.repstudio.app.design;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Reads a design file into what the editor draws. Tests pass their own; the app finds the real one. */
@FunctionalInterface
public interface DesignSource {

    /** Reads {@code file}; the exception's message is shown to the user as is. */
    LoadedDesign load(Path file) throws IOException;

    /**
     * The design file reader registered on the class path ({@link DesignIoSource}, which adapts
     * {@code org.repstudio.core.io.DesignIO}), or, in a build without it, a source that says so.
     */
    static DesignSource discover() {
        return ServiceLoader.load(DesignSource.class).findFirst().orElse(file -> {
            throw new IOException("this build of RepStudio cannot read design files yet "
                    + "(org.repstudio.core.io.DesignIO is missing)");
        });
    }
}
