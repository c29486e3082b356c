package org.repstudio.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.repstudio.core.engine.DeviceChoice;
import org.repstudio.core.engine.Devices;
import org.repstudio.core.engine.GraphBlock;
import org.repstudio.core.engine.SgdUpdate;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * Trains a classifier graph (a {@link Harness}) on DJL. Seeded and reproducible: the starting weights
 * ({@link InitialWeights}) and the batch order come from the seed, not from the engine's generator.
 * Softmax cross-entropy; SGD with momentum or Adam; cosine or step schedule; weight decay. Between steps
 * it checks the {@link CancelToken}; a NaN loss, or one over {@link #DIVERGENCE_FACTOR} times the chance
 * level, stops the run before the bad update is applied. With {@link TrainConfig#online()} every branch
 * sum runs as one conv squeezed from its branch parameters (OREPA); the weights read back are the branch
 * parameters either way. Call from a worker thread.
 */
public final class TrainingLoop {

    /** A loss this many times ln(classes) counts as diverged. */
    static final double DIVERGENCE_FACTOR = 20;

    private TrainingLoop() {
    }

    /** Trains {@code graph} on {@code data} (already limited as the config says). */
    public static TrainingRun train(String label, Graph graph, ImageData data, TrainConfig cfg,
                                    TrainingListener listener, CancelToken cancel) {
        return train(label, graph, data, cfg, listener, cancel, GradientHook.NONE);
    }

    /** Trains with {@code hook} choosing the starting weights and adjusting gradients before each update. */
    public static TrainingRun train(String label, Graph graph, ImageData data, TrainConfig cfg,
                                    TrainingListener listener, CancelToken cancel, GradientHook hook) {
        DeviceChoice choice = Devices.resolve(cfg.device());
        choice.notice().ifPresent(listener::onNotice);
        Device device = choice.device();
        LabeledImages train = data.train();
        int batchesPerEpoch = train.count() / cfg.batchSize();
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("the training split has " + train.count()
                    + " images, fewer than one batch of " + cfg.batchSize());
        }
        int totalSteps = batchesPerEpoch * cfg.epochs();
        GraphBlock block = cfg.online() ? GraphBlock.online(graph) : new GraphBlock(graph);
        Tracker schedule = schedule(cfg, totalSteps);
        Batches batches = new Batches(data);
        double divergence = DIVERGENCE_FACTOR * Math.log(Math.max(2, data.numClasses()));
        List<Double> losses = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        RunStatus status = RunStatus.COMPLETED;
        String message = "completed " + cfg.epochs() + " epoch(s)";
        long trainNanos = 0;
        long images = 0;
        try (Model model = cfg.engine() == null ? Model.newInstance(label, device)
                : Model.newInstance(label, device, cfg.engine())) {
            model.setBlock(block);
            // Starting weights go in before the trainer sees the block: MXNet's trainer copies each parameter
            // into its KVStore at initialize() and from then on updates that copy, so weights written later
            // would be replaced by DJL's initializer values at the first step. initialize() keeps these.
            block.initialize(model.getNDManager());
            block.setWeights(hook.initialWeights(graph, InitialWeights.draw(graph, cfg.seed())));
            DefaultTrainingConfig djl = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer(cfg, schedule)).optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(djl)) {
                trainer.initialize(block.inputShape(cfg.batchSize()));
                String engineName = model.getNDManager().getEngine().getEngineName();
                Runnable update = update(cfg, schedule, block, trainer, engineName);
                CrossEntropy loss = new CrossEntropy(trainer.getLoss(), engineName);
                listener.onStart(label, totalSteps, device.toString());
                int step = 0;
                outer:
                for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                    int[] order = Batches.shuffled(train.count(), cfg.seed() * 31 + epoch);
                    double lossSum = 0;
                    long correct = 0;
                    int seen = 0;
                    long epochStart = System.nanoTime();
                    for (int b = 0; b < batchesPerEpoch; b++) {
                        if (cancel.isCancelled()) {
                            status = RunStatus.CANCELLED;
                            message = "cancelled at epoch " + epoch + ", batch " + (b + 1) + " of " + batchesPerEpoch;
                            trainNanos += System.nanoTime() - epochStart;
                            break outer;
                        }
                        int stepIndex = step;
                        StepResult r = step(trainer, loss, batches, train, order, b * cfg.batchSize(), cfg.batchSize(),
                                divergence, () -> hook.beforeUpdate(block, stepIndex, totalSteps), update);
                        if (r.badLoss) {
                            status = RunStatus.DIVERGED;
                            message = String.format("loss %s at epoch %d, batch %d: stopped before applying that "
                                    + "update (try a lower learning rate)", fmt(r.loss), epoch, b + 1);
                            listener.onNotice(message);
                            trainNanos += System.nanoTime() - epochStart;
                            break outer;
                        }
                        step++;
                        images += cfg.batchSize();
                        losses.add(r.loss);
                        lossSum += r.loss;
                        correct += r.correct;
                        seen += cfg.batchSize();
                        double elapsed = (trainNanos + System.nanoTime() - epochStart) / 1e9;
                        double ips = images / Math.max(elapsed, 1e-9);
                        double eta = (totalSteps - step) * cfg.batchSize() / Math.max(ips, 1e-9);
                        listener.onBatch(new BatchProgress(epoch, b + 1, batchesPerEpoch, step, totalSteps, r.loss,
                                (double) r.correct / cfg.batchSize(), schedule.getNewValue(step - 1), ips, eta));
                    }
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    trainNanos += System.nanoTime() - epochStart;
                    double testAccuracy = testAccuracy(trainer, batches, data.test(), cfg.batchSize());
                    EpochMetrics m = new EpochMetrics(epoch, lossSum / batchesPerEpoch, (double) correct / seen,
                            testAccuracy, seconds);
                    epochs.add(m);
                    listener.onEpoch(m);
                }
                Weights trained = block.readWeights();
                double seconds = trainNanos / 1e9;
                return new TrainingRun(label, graph, cfg, data.name(), status, message, losses, epochs, trained,
                        images / Math.max(seconds, 1e-9), seconds, device.toString(), choice.notice().orElse(null));
            }
        }
    }

    private record StepResult(double loss, long correct, boolean badLoss) {
    }

    /** One forward, backward and update; the update is skipped when the loss is bad. */
    private static StepResult step(Trainer trainer, CrossEntropy lossFn, Batches batches, LabeledImages split,
                                   int[] order, int from, int n, double divergence, Runnable beforeUpdate,
                                   Runnable update) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            int[] labels = batches.labelsOf(split, order, from, n);
            NDArray x = batches.images(scope, split, order, from, n);
            NDArray y = lossFn.labels(scope, labels);
            double loss;
            long correct;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = lossFn.mean(logits, y);
                loss = l.getFloat();
                if (!Double.isFinite(loss) || loss > divergence) {
                    return new StepResult(loss, 0, true);
                }
                correct = countCorrect(logits, labels);
                gc.backward(l);
            }
            beforeUpdate.run();
            update.run();
            return new StepResult(loss, correct, false);
        }
    }

    static long countCorrect(NDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        long c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                c++;
            }
        }
        return c;
    }

    /** Accuracy on {@code test} in inference mode with the trainer's current parameters. */
    private static double testAccuracy(Trainer trainer, Batches batches, LabeledImages test, int batch) {
        int[] order = Batches.identity(test.count());
        long correct = 0;
        for (int from = 0; from < test.count(); from += batch) {
            int n = Math.min(batch, test.count() - from);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = batches.images(scope, test, order, from, n);
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                correct += countCorrect(logits, batches.labelsOf(test, order, from, n));
            }
        }
        return (double) correct / test.count();
    }

    /** The learning rate per update number, as the config's schedule says. */
    static Tracker schedule(TrainConfig cfg, int totalSteps) {
        float lr = (float) cfg.learningRate();
        if (cfg.schedule() == TrainConfig.Schedule.COSINE) {
            return Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.01f).setMaxUpdates(Math.max(1, totalSteps))
                    .build();
        }
        int half = Math.max(1, totalSteps / 2);
        int threeQuarters = Math.max(half + 1, totalSteps * 3 / 4);
        return Tracker.multiFactor().setBaseValue(lr).setSteps(new int[] {half, threeQuarters}).optFactor(0.1f).build();
    }

    /**
     * The update after each backward pass: SGD straight on the parameters where the engine allows it
     * ({@link SgdUpdate}, the same rule without the trainer's gradient copies), else the trainer's step.
     */
    private static Runnable update(TrainConfig cfg, Tracker schedule, GraphBlock block, Trainer trainer,
                                   String engineName) {
        if (cfg.optimizer() == TrainConfig.OptimizerKind.SGD && SgdUpdate.supports(engineName)) {
            return new SgdUpdate(block, schedule, (float) cfg.momentum(), (float) cfg.weightDecay())::step;
        }
        return trainer::step;
    }

    static Optimizer optimizer(TrainConfig cfg, Tracker tracker) {
        float wd = (float) cfg.weightDecay();
        if (cfg.optimizer() == TrainConfig.OptimizerKind.ADAM) {
            return Optimizer.adam().optLearningRateTracker(tracker).optWeightDecays(wd).build();
        }
        return Optimizer.sgd().setLearningRateTracker(tracker).optMomentum((float) cfg.momentum()).optWeightDecays(wd)
                .build();
    }

    private static String fmt(double loss) {
        return Double.isNaN(loss) ? "NaN" : Double.isInfinite(loss) ? "infinite" : String.format("%.3g", loss);
    }
}
