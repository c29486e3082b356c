package org.repstudio.core.train;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process's threads by kind, from Linux's {@code /proc/self/task/<tid>/schedstat} (time
 * on a CPU and time runnable but waiting for one, in nanoseconds). It tells apart what wall-clock step
 * times mix up on a shared machine: the training work itself, the JVM's JIT compilers and garbage
 * collector competing for the same cores, and the time the threads waited because other processes held
 * the cores. {@link #since} compares thread by thread: a thread that ended in between (the JVM retires idle
 * compiler threads) drops out rather than making a sum go negative. Elsewhere than Linux every figure is zero.
 */
public record ThreadCpu(Map<Long, Sample> threads) {

    /** One thread's kind and its nanoseconds on a CPU and waiting for one, so far. */
    public record Sample(Kind kind, long runNanos, long waitNanos) {
    }

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
        threads = Map.copyOf(threads);
    }

    private static final Path TASKS = Path.of("/proc/self/task");

    /** Every live thread's CPU time so far. */
    public static ThreadCpu now() {
        Map<Long, Sample> all = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                try {
                    String[] stat = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    Kind kind = Kind.of(Files.readString(t.resolve("comm")).trim());
                    all.put(Long.parseLong(t.getFileName().toString()),
                            new Sample(kind, Long.parseLong(stat[0]), Long.parseLong(stat[1])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: no threads, all zero
        }
        return new ThreadCpu(all);
    }

    /** What each thread alive now spent since {@code earlier} (all of it for threads started since). */
    public ThreadCpu since(ThreadCpu earlier) {
        Map<Long, Sample> spent = new HashMap<>();
        threads.forEach((tid, s) -> {
            Sample e = earlier.threads.get(tid);
            spent.put(tid, e == null ? s : new Sample(s.kind, Math.max(0, s.runNanos - e.runNanos),
                    Math.max(0, s.waitNanos - e.waitNanos)));
        });
        return new ThreadCpu(spent);
    }

    /** Milliseconds on a CPU by threads of {@code kind}. */
    public double runMs(Kind kind) {
        return threads.values().stream().filter(s -> s.kind == kind).mapToLong(Sample::runNanos).sum() / 1e6;
    }

    /** Milliseconds the threads were ready to run while other threads or processes held the CPUs. */
    public double waitMs() {
        return threads.values().stream().mapToLong(Sample::waitNanos).sum() / 1e6;
    }
}
