package org.repstudio.core.engine;

import ai.djl.engine.Engine;
import java.util.TreeSet;

/**
 * Engine names as users type them ("pytorch", "mxnet") turned into DJL's ("PyTorch", "MXNet"), and the
 * project's DJL settings (offline, PyTorch as the default engine) for code outside this package.
 */
public final class EngineNames {

    /** DJL's name of the PyTorch engine, the project's default and the one its fast paths are written for. */
    public static final String PYTORCH = "PyTorch";

    static {
        DjlSetup.ensureOffline();
    }

    private EngineNames() {
    }

    /** Applies the project's DJL settings; call before the first use of DJL outside this package. */
    public static void ensureDefaults() {
        DjlSetup.ensureOffline();
    }

    /** Whether {@code engineName} is DJL's PyTorch engine. */
    public static boolean isPyTorch(String engineName) {
        return PYTORCH.equals(engineName);
    }

    /**
     * DJL's spelling of the engine {@code name} (case-insensitive), or null for null / blank (DJL's default).
     *
     * @throws IllegalArgumentException naming the engines on the class path when none matches
     */
    public static String canonical(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        for (String e : Engine.getAllEngines()) {
            if (e.equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine '" + name + "' is not available; engines: "
                + new TreeSet<>(Engine.getAllEngines()));
    }

    /** The default engine's name (PyTorch unless the user set another). */
    public static String defaultEngine() {
        return Engine.getDefaultEngineName();
    }
}
