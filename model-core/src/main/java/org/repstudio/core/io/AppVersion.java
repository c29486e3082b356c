package org.repstudio.core.io;

/**
 * The one place that says which RepStudio this is: training provenance, exported models' metadata, the CLI's
 * --version and the app's About box all read it.
 */
public final class AppVersion {

    /** Kept equal to the Maven project version without -SNAPSHOT (AppVersionTest checks the pom). */
    public static final String CURRENT = "0.1.0";

    private AppVersion() {
    }
}
