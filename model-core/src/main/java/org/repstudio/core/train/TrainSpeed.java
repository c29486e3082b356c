package org.repstudio.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.TensorShape;

/**
 * Training throughput of a block in its harness, measured the way a user's run spends it: the real
 * {@link TrainingLoop} (SGD with momentum and weight decay, cosine schedule) for {@code steps} batches of the
 * built-in data, with the process's minor page faults per step. {@code scripts/train_speed.py} runs the same
 * harness in PyTorch eager beside it, so the two figures compare.
 */
public final class TrainSpeed {

    /** Test images: the loop scores one test batch per epoch, outside the timed steps. */
    private static final int TEST_IMAGES = 64;
    /** Steps counted as warm-up in {@link Result#firstStepsMs()}. */
    static final int FIRST_STEPS = 5;

    private TrainSpeed() {
    }

    /**
     * One run's figures. {@code imagesPerSecond} is the loop's own (all steps, as the progress line shows
     * it); {@code medianStepMs} and {@code firstStepsMs} come from the time between step callbacks;
     * {@code cpu} is what the process's threads spent from the first step's start to the last step's end.
     */
    public record Result(int steps, int batch, double imagesPerSecond, double medianStepMs, double firstStepsMs,
                         double faultsPerStep, ThreadCpu cpu, List<Double> losses) {

        /** CPU milliseconds per step of the threads that train (not the JIT compilers nor the GC). */
        public double workCpuMsPerStep() {
            return cpu.runMs(ThreadCpu.Kind.WORK) / steps;
        }

        /** Milliseconds per step the threads were ready to run but other threads or processes held the CPUs. */
        public double waitMsPerStep() {
            return cpu.waitMs() / steps;
        }
    }

    /**
     * The harness {@link #measure} trains for {@code design} (offline or OREPA online) on the built-in data.
     */
    public static Graph harness(Graph design) {
        TensorShape input = TensorShape.spatial(1, GeneratedShapes.SIDE, GeneratedShapes.SIDE);
        return Harness.build(design, input, GeneratedShapes.CLASSES.size(), HarnessSpec.DEFAULT);
    }

    /** Trains {@link #harness(Graph)} of {@code design} for {@code steps} batches of {@code batch} images. */
    public static Result measure(Graph design, boolean online, int steps, int batch, long seed) {
        if (steps < 2 || batch < 2) {
            throw new IllegalArgumentException("need at least 2 steps of at least 2 images, got " + steps + " x "
                    + batch);
        }
        ImageData data = GeneratedShapes.generate(seed, steps * batch, TEST_IMAGES);
        TrainConfig cfg = TrainConfig.defaults().withSeed(seed).withBatchSize(batch).withOnline(online);
        StepClock clock = new StepClock(steps);
        TrainingRun run = TrainingLoop.train("speed", harness(design), data, cfg, clock, new CancelToken());
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("the training run did not complete: " + run.message());
        }
        return new Result(steps, batch, run.imagesPerSecond(), clock.medianStepMs(), clock.firstStepsMs(),
                clock.faultsPerStep(), clock.cpu, run.stepLosses());
    }

    /** Step times from the loop's callbacks, and page faults from the start to the last step. */
    private static final class StepClock implements TrainingListener {
        private final long[] ends;
        private long start;
        private long faultsAtStart;
        private long faultsAtEnd;
        private ThreadCpu cpuAtStart;
        private ThreadCpu cpu;
        private int done;

        StepClock(int steps) {
            ends = new long[steps];
        }

        @Override
        public void onStart(String label, int totalSteps, String device) {
            faultsAtStart = minorFaults();
            cpuAtStart = ThreadCpu.now();
            start = System.nanoTime();
        }

        @Override
        public void onBatch(BatchProgress progress) {
            ends[done++] = System.nanoTime();
            if (done == ends.length) {
                faultsAtEnd = minorFaults();
                cpu = ThreadCpu.now().since(cpuAtStart);
            }
        }

        double medianStepMs() {
            double[] ms = new double[done];
            for (int i = 0; i < done; i++) {
                ms[i] = (ends[i] - (i == 0 ? start : ends[i - 1])) / 1e6;
            }
            Arrays.sort(ms);
            return ms[done / 2];
        }

        double firstStepsMs() {
            int n = Math.min(FIRST_STEPS, done);
            return (ends[n - 1] - start) / 1e6 / n;
        }

        double faultsPerStep() {
            return (double) (faultsAtEnd - faultsAtStart) / done;
        }
    }

    /** Minor page faults of this process so far (field 10 of /proc/self/stat); -1 where there is no procfs. */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from after it
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
