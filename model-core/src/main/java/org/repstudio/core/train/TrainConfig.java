package org.repstudio.core.train;

import org.repstudio.core.graph.RandomWeights;

/**
 * Hyper-parameters of one training run. {@code device} is a name from the device selector ("cpu",
 * "gpu0"...); {@code engine} an engine name ("PyTorch", "MXNet") or null for DJL's default.
 * {@code maxTrainImages} and {@code maxTestImages} cut the splits (0: all), for quick runs.
 * {@code online}: OREPA's online re-parameterization, each branch sum trained as one conv whose kernel is
 * squeezed from the branch parameters every step (the design must be OREPA-shaped).
 */
public record TrainConfig(long seed, int epochs, int batchSize, OptimizerKind optimizer, double learningRate,
                          double momentum, double weightDecay, Schedule schedule, String device, String engine,
                          HarnessSpec harness, int maxTrainImages, int maxTestImages, boolean online) {

    /** The update rule. */
    public enum OptimizerKind { SGD, ADAM }

    /** How the learning rate moves over the run. */
    public enum Schedule {
        /** Cosine from the base rate to 1% of it over all steps. */
        COSINE,
        /** Base rate, divided by 10 at 50% and again at 75% of the steps. */
        STEP
    }

    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (BatchNorm needs batch statistics), got "
                    + batchSize);
        }
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, momentum in [0, 1), weight decay >= 0; got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
        if (maxTrainImages < 0 || maxTestImages < 0) {
            throw new IllegalArgumentException("image limits must be >= 0 (0 means all)");
        }
    }

    /** Offline training (every branch runs), as before {@code online} existed. */
    public TrainConfig(long seed, int epochs, int batchSize, OptimizerKind optimizer, double learningRate,
                       double momentum, double weightDecay, Schedule schedule, String device, String engine,
                       HarnessSpec harness, int maxTrainImages, int maxTestImages) {
        this(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, device, engine, harness,
                maxTrainImages, maxTestImages, false);
    }

    /** SGD with momentum 0.9, lr 0.05, cosine, weight decay 5e-4, batch 64, one epoch on the CPU, seed 42. */
    public static TrainConfig defaults() {
        return new TrainConfig(RandomWeights.DEFAULT_SEED, 1, 64, OptimizerKind.SGD, 0.05, 0.9, 5e-4, Schedule.COSINE, "cpu", null,
                HarnessSpec.DEFAULT, 0, 0);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(s, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, device,
                engine, harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(seed, e, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, device,
                engine, harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(seed, epochs, b, optimizer, learningRate, momentum, weightDecay, schedule, device,
                engine, harness, maxTrainImages, maxTestImages, online);
    }

    /** Switches the update rule and its learning rate. */
    public TrainConfig withOptimizer(OptimizerKind o, double lr) {
        return new TrainConfig(seed, epochs, batchSize, o, lr, momentum, weightDecay, schedule, device, engine,
                harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withWeightDecay(double wd) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, wd, schedule, device,
                engine, harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withSchedule(Schedule s) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, s, device,
                engine, harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withDevice(String d, String e) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, d,
                e, harness, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withHarness(HarnessSpec h) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                device, engine, h, maxTrainImages, maxTestImages, online);
    }

    public TrainConfig withLimits(int train, int test) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                device, engine, harness, train, test, online);
    }

    /** The same run, trained online (OREPA) or offline. */
    public TrainConfig withOnline(boolean on) {
        return new TrainConfig(seed, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                device, engine, harness, maxTrainImages, maxTestImages, on);
    }
}
