package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.SampleCatalog;

class TrainSpeedTest {

    private static final Graph REPVGG = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();

    @Test
    void measuresTheLoopItRuns() {
        TrainSpeed.Result r = TrainSpeed.measure(REPVGG, false, 4, 8, 42);
        assertEquals(4, r.steps());
        assertEquals(8, r.batch());
        assertEquals(4, r.losses().size());
        assertTrue(r.imagesPerSecond() > 0 && r.medianStepMs() > 0 && r.firstStepsMs() > 0, r.toString());
        assertTrue(r.faultsPerStep() >= 0, "Linux has /proc/self/stat: " + r);
        assertTrue(r.workCpuMsPerStep() > 0, "Linux has /proc/self/task/*/schedstat: " + r);
    }

    @Test
    void theHarnessIsTheOneTrainBuilds() {
        Graph h = TrainSpeed.harness(REPVGG);
        assertTrue(h.nodes().containsKey("b1_conv3x3") && h.nodes().containsKey("b2_conv3x3"), h.nodes().keySet()
                .toString());
    }

    @Test
    void refusesRunsTooShortToTime() {
        assertThrows(IllegalArgumentException.class, () -> TrainSpeed.measure(REPVGG, false, 1, 8, 42));
    }
}
