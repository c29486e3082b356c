package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void busyWorkShowsAsWorkCpu() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        ThreadCpu before = ThreadCpu.now();
        long end = System.nanoTime() + 150_000_000L;
        double sink = 0;
        while (System.nanoTime() < end) {
            sink += Math.sqrt(sink + 1);
        }
        ThreadCpu spent = ThreadCpu.now().since(before);
        // on a busy machine the thread may wait for a core part of the time, but it ran for some of it
        assertTrue(spent.runMs(ThreadCpu.Kind.WORK) + spent.waitMs() >= 100, spent + " " + sink);
        assertTrue(spent.runMs(ThreadCpu.Kind.WORK) > 10, spent.toString());
    }

    @Test
    void theJvmsThreadsAreToldApartByName() {
        assertEquals(ThreadCpu.Kind.JIT, ThreadCpu.Kind.of("C2 CompilerThre"));
        assertEquals(ThreadCpu.Kind.JIT, ThreadCpu.Kind.of("C1 CompilerThre"));
        assertEquals(ThreadCpu.Kind.GC, ThreadCpu.Kind.of("GC Thread#0"));
        assertEquals(ThreadCpu.Kind.GC, ThreadCpu.Kind.of("G1 Refine#0"));
        assertEquals(ThreadCpu.Kind.WORK, ThreadCpu.Kind.of("java"));
        assertEquals(ThreadCpu.Kind.WORK, ThreadCpu.Kind.of("main"));
    }

    @Test
    void sinceNeverGoesNegative() {
        ThreadCpu later = new ThreadCpu(Map.of(ThreadCpu.Kind.WORK, 5L), 3);
        ThreadCpu earlier = new ThreadCpu(Map.of(ThreadCpu.Kind.WORK, 9L, ThreadCpu.Kind.JIT, 4L), 1);
        ThreadCpu d = later.since(earlier);
        assertEquals(0, d.runMs(ThreadCpu.Kind.WORK));
        assertEquals(2e-6, d.waitMs(), 1e-12);
    }
}
