package org.repstudio.core.engine;

import ai.djl.Device;
import java.util.Objects;
import java.util.Optional;

/**
 * The device a run will use, and a notice for the user when it is not the one they asked for (a GPU
 * that is not there falls back to the CPU).
 */
public record DeviceChoice(Device device, Optional<String> notice) {

    public DeviceChoice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(notice, "notice");
    }

    /** True when the requested device was not available and another was chosen. */
    public boolean fellBack() {
        return notice.isPresent();
    }
}
