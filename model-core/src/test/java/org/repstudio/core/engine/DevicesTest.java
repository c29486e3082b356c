package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void listsTheCpuFirstThenEachGpu() {
        List<String> names = Devices.names();
        assertEquals("cpu", names.get(0));
        assertEquals(1 + Engine.getInstance().getGpuCount(), names.size());
    }

    @Test
    void cpuResolvesWithoutNotice() {
        DeviceChoice c = Devices.resolve("cpu");
        assertEquals(Device.cpu(), c.device());
        assertFalse(c.fellBack());
    }

    @Test
    void aMissingGpuFallsBackToTheCpuWithANotice() {
        DeviceChoice c = Devices.resolve("gpu1", 1);
        assertEquals(Device.cpu(), c.device());
        assertTrue(c.notice().orElseThrow().contains("'gpu1' is not available"), c.notice().get());
        assertTrue(Devices.resolve("gpu", 0).fellBack());
    }

    @Test
    void aPresentGpuIsChosen() {
        DeviceChoice c = Devices.resolve("GPU1", 2);
        assertEquals(Device.gpu(1), c.device());
        assertFalse(c.fellBack());
    }

    @Test
    void nonsenseNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Devices.resolve("tpu0", 0));
        assertThrows(IllegalArgumentException.class, () -> Devices.resolve("gpu-1", 0));
    }
}
