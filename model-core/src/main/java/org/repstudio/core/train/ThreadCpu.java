package org.repstudio.core.train;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * CPU time of this process's threads by kind, from Linux's {@code /proc/self/task/<tid>/schedstat} (time
 * on a CPU and time runnable but waiting for one, in nanoseconds). It tells apart what wall-clock step
 * times mix up on a shared machine: the training work itself, the JVM's JIT compilers and garbage
 * collector competing for the same cores, and the time the threads waited because other processes held
 * the cores. Threads that end between two snapshots drop out; elsewhere than Linux every figure is zero.
 */
public record ThreadCpu(Map<Kind, Long> runNanos, long waitNanos) {

    /** What a thread does, from the name the JVM gives it. */
    public enum Kind {
        /** C1 and C2 compiler threads. */
        JIT,
        /** G1's workers, refinement and marking threads. */
        GC,
        /** Everything else: the training thread, PyTorch's intra-op workers, the JVM's housekeeping. */
        WORK;

        static Kind of(String threadName) {
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            }
            return WORK;
        }
    }

    public ThreadCpu {
        runNanos = Map.copyOf(runNanos);
    }

    private static final Path TASKS = Path.of("/proc/self/task");

    /** The CPU time of each live thread so far, summed by kind. */
    public static ThreadCpu now() {
        Map<Kind, Long> run = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            run.put(k, 0L);
        }
        long wait = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                try {
                    String[] stat = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    Kind kind = Kind.of(Files.readString(t.resolve("comm")).trim());
                    run.merge(kind, Long.parseLong(stat[0]), Long::sum);
                    wait += Long.parseLong(stat[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: all zero
        }
        return new ThreadCpu(run, wait);
    }

    /** What was spent since {@code earlier}. */
    public ThreadCpu since(ThreadCpu earlier) {
        Map<Kind, Long> run = new EnumMap<>(Kind.class);
        runNanos.forEach((k, v) -> run.put(k, Math.max(0, v - earlier.runNanos.getOrDefault(k, 0L))));
        return new ThreadCpu(run, Math.max(0, waitNanos - earlier.waitNanos));
    }

    /** Milliseconds on a CPU by threads of {@code kind}. */
    public double runMs(Kind kind) {
        return runNanos.getOrDefault(kind, 0L) / 1e6;
    }

    public double waitMs() {
        return waitNanos / 1e6;
    }
}
