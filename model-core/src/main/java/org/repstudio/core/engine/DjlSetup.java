package org.repstudio.core.engine;

/**
 * Process-wide DJL settings every entry point of this package applies before touching DJL. Offline mode
 * stops DJL from probing a cloud metadata address while it picks an engine; a user setting may lift it.
 * With more than one engine on the class path DJL would make the one of lowest rank the default (MXNet
 * over PyTorch); RepStudio's default stays PyTorch unless the user names another
 * ({@code -Dai.djl.default_engine} or {@code DJL_DEFAULT_ENGINE}). glibc's malloc keeps freed tensors
 * in the heap ({@link MallocTuning}).
 */
final class DjlSetup {

    /** The engine used when none is named. */
    static final String DEFAULT_ENGINE = EngineNames.PYTORCH;

    private DjlSetup() {
    }

    /** Sets {@code ai.djl.offline=true} and the default engine unless someone already chose them. Idempotent. */
    static void ensureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.default_engine") == null && System.getenv("DJL_DEFAULT_ENGINE") == null) {
            System.setProperty("ai.djl.default_engine", DEFAULT_ENGINE);
        }
        MallocTuning.apply();
    }
}
