package org.repstudio.core.train;

/**
 * Runs one dataset fetch with DJL's offline mode off and puts the previous {@code ai.djl.offline} value
 * back afterwards, also when the fetch fails. RepStudio otherwise keeps DJL offline (see DjlSetup).
 *
 * <p>DJL's {@code Utils.isOfflineMode()} reads the environment variable {@code DJL_OFFLINE} first and the
 * system property only when it is unset, so a process started with {@code DJL_OFFLINE=true} stays offline
 * for DJL; in DJL 0.35 that only makes its repository reuse a cached {@code metadata.json} however old,
 * it does not stop a download. The permission check is RepStudio's own ({@link DjlDownloads}).
 */
final class OfflineModeLift {

    static final String PROPERTY = "ai.djl.offline";

    /** One fetch at a time: the property is process-wide, and two overlapping lifts would restore wrongly. */
    private static final Object LOCK = new Object();

    private OfflineModeLift() {
    }

    /** The body of a fetch. */
    interface Fetch<T> {
        T run() throws java.io.IOException;
    }

    static <T> T during(Fetch<T> fetch) throws java.io.IOException {
        synchronized (LOCK) {
            String previous = System.getProperty(PROPERTY);
            System.setProperty(PROPERTY, "false");
            try {
                return fetch.run();
            } finally {
                if (previous == null) {
                    System.clearProperty(PROPERTY);
                } else {
                    System.setProperty(PROPERTY, previous);
                }
            }
        }
    }
}
