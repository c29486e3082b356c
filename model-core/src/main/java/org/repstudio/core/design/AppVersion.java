package org.repstudio.core.design;

/** The one place that says which RepStudio this is (provenance, ONNX metadata, --version, About). */
public final class AppVersion {

    /** Kept equal to the Maven project version without -SNAPSHOT (a test checks the pom). */
    public static final String CURRENT = "0.1.0";

    private AppVersion() {
    }
}
