package org.repstudio.core.engine;

/**
 * Process-wide DJL settings every entry point of this package applies before touching DJL. Offline mode
 * stops DJL from probing a cloud metadata address while it picks an engine; a user setting may lift it.
 */
final class DjlSetup {

    private DjlSetup() {
    }

    /** Sets {@code ai.djl.offline=true} unless someone already chose a value. Idempotent. */
    static void ensureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
