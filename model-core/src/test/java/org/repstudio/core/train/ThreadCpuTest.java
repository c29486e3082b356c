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
    void sinceComparesThreadByThread() {
        ThreadCpu earlier = new ThreadCpu(Map.of(
                1L, new ThreadCpu.Sample(ThreadCpu.Kind.WORK, 9, 1),
                2L, new ThreadCpu.Sample(ThreadCpu.Kind.JIT, 4_000_000, 0)));
        ThreadCpu later = new ThreadCpu(Map.of(
                1L, new ThreadCpu.Sample(ThreadCpu.Kind.WORK, 2_000_009, 3_000_001),
                3L, new ThreadCpu.Sample(ThreadCpu.Kind.JIT, 1_000_000, 0)));
        ThreadCpu d = later.since(earlier);
        assertEquals(2.0, d.runMs(ThreadCpu.Kind.WORK), 1e-9);
        assertEquals(3.0, d.waitMs(), 1e-9);
        // thread 2 retired in between: it drops out instead of subtracting its 4 ms from thread 3's 1 ms
        assertEquals(1.0, d.runMs(ThreadCpu.Kind.JIT), 1e-9);
    }
}
