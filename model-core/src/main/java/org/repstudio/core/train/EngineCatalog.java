package org.repstudio.core.train;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.repstudio.core.engine.Devices;
import org.repstudio.core.engine.EngineNames;

/**
 * What the device selector lists: every DJL engine on the class path, whether its native library loads,
 * and the devices it sees ("cpu", "gpu0"...). An engine that fails to load is listed with the reason
 * instead of its devices, so the user sees why it cannot be picked.
 */
public final class EngineCatalog {

    /** One engine: name, version when it loads, its devices, or why it does not load. */
    public record EngineEntry(String name, String version, List<String> devices, String problem) {
        public boolean available() {
            return problem == null;
        }
    }

    static {
        EngineNames.ensureDefaults();
    }

    private EngineCatalog() {
    }

    /** All engines, sorted by name; the default engine is the one DJL picks when none is named. */
    public static List<EngineEntry> list() {
        List<EngineEntry> out = new ArrayList<>();
        for (String name : new TreeSet<>(Engine.getAllEngines())) {
            try {
                Engine e = Engine.getEngine(name);
                out.add(new EngineEntry(name, e.getVersion(), Devices.names(name), null));
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                out.add(new EngineEntry(name, null, List.of(), String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * Names of the engines on the class path, sorted, without loading any: loading an engine unpacks and
     * links its native library (hundreds of MB for MXNet), which only the engine a run uses needs.
     */
    public static List<String> names() {
        return List.copyOf(new TreeSet<>(Engine.getAllEngines()));
    }

    /** Name of DJL's default engine. */
    public static String defaultEngine() {
        return Engine.getDefaultEngineName();
    }
}
