package org.repstudio.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The devices DJL can run on, by the names the device selector shows: "cpu", then "gpu0", "gpu1"...
 * for each GPU the engine sees. CUDA builds of libtorch are not on Maven Central, so offline there are
 * usually no GPUs, and a requested GPU falls back to the CPU with a notice.
 */
public final class Devices {

    static {
        DjlSetup.ensureOffline();
    }

    private Devices() {
    }

    /** Device names for the default engine. */
    public static List<String> names() {
        return names(Engine.getInstance());
    }

    /** Device names for the named engine. */
    public static List<String> names(String engineName) {
        return names(Engine.getEngine(engineName));
    }

    private static List<String> names(Engine engine) {
        List<String> names = new ArrayList<>();
        names.add("cpu");
        for (int i = 0; i < engine.getGpuCount(); i++) {
            names.add("gpu" + i);
        }
        return names;
    }

    /**
     * Resolves "cpu", "gpu" (same as "gpu0") or "gpuN" against the default engine.
     *
     * @throws IllegalArgumentException for a name that is none of these
     */
    public static DeviceChoice resolve(String name) {
        return resolve(name, Engine.getInstance().getGpuCount());
    }

    /** {@link #resolve(String)} against a known GPU count (lets tests fake a machine). */
    static DeviceChoice resolve(String name, int gpuCount) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return new DeviceChoice(Device.cpu(), Optional.empty());
        }
        int index = gpuIndex(n);
        if (index < 0) {
            throw new IllegalArgumentException("unknown device '" + name + "': use cpu, gpu or gpuN");
        }
        if (index < gpuCount) {
            return new DeviceChoice(Device.gpu(index), Optional.empty());
        }
        String found = gpuCount == 0 ? "no GPU is available" : "only " + gpuCount + " GPU(s) are available";
        return new DeviceChoice(Device.cpu(), Optional.of("'" + name + "' is not available (" + found
                + " to this engine); running on the CPU instead"));
    }

    /** N for "gpuN", 0 for "gpu", -1 otherwise. */
    private static int gpuIndex(String n) {
        if (!n.startsWith("gpu")) {
            return -1;
        }
        String digits = n.substring(3);
        if (digits.isEmpty()) {
            return 0;
        }
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 4) {
            return -1;
        }
        return Integer.parseInt(digits);
    }
}
