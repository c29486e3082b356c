package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.repstudio.core.onnx.DjlThreads;
import org.repstudio.core.train.ThreadCpu;

class OmpSpinTuningTest {

    @Test
    void theSpinCountIsSetForLibgompUnlessTheUserSetOne() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        Assumptions.assumeFalse("false".equals(System.getProperty("repstudio.ompSpinTuning")));
        String user = System.getenv(OmpSpinTuning.VARIABLE); // the JVM's copy, taken at start
        assertTrue(OmpSpinTuning.apply());
        assertEquals(user == null ? OmpSpinTuning.SPIN_COUNT : user, OmpSpinTuning.current());
    }

    /**
     * The effect itself: between ops spaced 5 ms apart the second intra-op thread goes to sleep instead of
     * spinning through the gap (with libgomp's default it spins about 10 ms, so through all of it).
     */
    @Test
    void idleIntraOpThreadsDoNotSpinBetweenOps() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        Assumptions.assumeTrue(OmpSpinTuning.SPIN_COUNT.equals(System.getenv().getOrDefault(OmpSpinTuning.VARIABLE,
                OmpSpinTuning.SPIN_COUNT)), "the user set another spin count");
        EngineNames.ensureDefaults();
        int gaps = 40;
        try (DjlThreads t = DjlThreads.use(2); NDManager m = NDManager.newBaseManager()) {
            NDArray big = m.ones(new ai.djl.ndarray.types.Shape(1 << 20));
            big.mul(2).close(); // starts the intra-op thread
            ThreadCpu before = ThreadCpu.now();
            for (int i = 0; i < gaps; i++) {
                big.mul(2).close();
                sleep(5);
            }
            ThreadCpu spent = ThreadCpu.now().since(before);
            // spinning through the gaps would cost about gaps * 5 ms = 200 ms; the ops themselves take ~1 ms each
            assertTrue(spent.runMs(ThreadCpu.Kind.WORK) < 100, "CPU while mostly idle: " + spent.runMs(
                    ThreadCpu.Kind.WORK) + " ms");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
