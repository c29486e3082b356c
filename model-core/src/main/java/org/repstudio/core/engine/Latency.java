package org.repstudio.core.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * Inference latency of a graph on DJL: one compiled block reused for every repetition, input
 * [batch, C, H, W] standard normal, float32. Reports the median, which shrugs off the odd slow run.
 */
public final class Latency {

    static {
        DjlSetup.ensureOffline();
    }

    private Latency() {
    }

    /** Median milliseconds per forward pass on the CPU of the default engine. */
    public static double measureMs(Graph graph, Weights weights, int batch, int warmup, int reps) {
        return measureMs(graph, weights, batch, warmup, reps, Device.cpu(), null);
    }

    /**
     * Median milliseconds per forward pass on {@code device} with engine {@code engineName} (null for the
     * default). Each timed run includes reading one output value, so lazy or asynchronous engines (MXNet,
     * CUDA) have really finished.
     */
    public static double measureMs(Graph graph, Weights weights, int batch, int warmup, int reps, Device device,
                                   String engineName) {
        if (batch < 1 || warmup < 0 || reps < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, reps >= 1; got " + batch + ", "
                    + warmup + ", " + reps);
        }
        GraphBlock block = new GraphBlock(graph);
        try (NDManager manager = GraphRunner.openManager(device, engineName)) {
            GraphRunner.initializeWith(block, weights, manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = TensorBridge.toNDArray(manager,
                    Equivalence.standardNormal(block.inputShape().withBatch(batch), 0));
            for (int i = 0; i < warmup; i++) {
                timeOnce(block, store, manager, x);
            }
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                ms[i] = timeOnce(block, store, manager, x);
            }
            return median(ms);
        }
    }

    private static double timeOnce(GraphBlock block, ParameterStore store, NDManager manager, NDArray x) {
        // a per-run scope frees everything the pass creates, so memory stays flat over many runs
        try (NDManager run = manager.newSubManager()) {
            x.tempAttach(run);
            long t0 = System.nanoTime();
            NDArray y = block.forward(store, new NDList(x), false).singletonOrThrow();
            y.reshape(-1).get(0).toFloatArray(); // waits for lazy / asynchronous engines
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
