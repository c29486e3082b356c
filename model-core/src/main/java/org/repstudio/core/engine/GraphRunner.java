package org.repstudio.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.Arrays;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * Runs a graph once on DJL in inference mode: input [N, C, H, W] float64, cast to float32 for the
 * engine, output ([N, C', H', W'] or [N, F]) returned as float64. Every NDManager it opens is closed
 * before it returns.
 */
public final class GraphRunner {

    static {
        DjlSetup.ensureOffline();
    }

    private GraphRunner() {
    }

    /** Runs on the CPU of the default engine. */
    public static Tensor run(Graph graph, Weights weights, Tensor input) {
        return run(graph, weights, input, Device.cpu(), null);
    }

    /**
     * Runs on {@code device} with the engine named {@code engineName} ("PyTorch", "MXNet"...; null for
     * DJL's default).
     *
     * @throws IllegalArgumentException when the graph is invalid (listing its problems), the weights do
     *                                  not fit, the input has the wrong shape or the engine is unknown
     */
    public static Tensor run(Graph graph, Weights weights, Tensor input, Device device, String engineName) {
        GraphBlock block = new GraphBlock(graph);
        requireBatchedInput(block, input);
        try (NDManager manager = openManager(device, engineName)) {
            NDArray y = forward(block, weights, manager, TensorBridge.toNDArray(manager, input));
            return TensorBridge.toTensor(y);
        }
    }

    /**
     * Runs the online form of {@code graph} ({@link GraphBlock#online}: each sum as one conv squeezed from
     * its branch parameters) on the CPU of the default engine, in inference mode.
     */
    public static Tensor runOnline(Graph graph, Weights weights, Tensor input) {
        GraphBlock block = GraphBlock.online(graph);
        requireBatchedInput(block, input);
        try (NDManager manager = openManager(Device.cpu(), null)) {
            return TensorBridge.toTensor(forward(block, weights, manager, TensorBridge.toNDArray(manager, input)));
        }
    }

    /** Initializes {@code block} in {@code manager}, loads {@code weights} and runs {@code x} once. */
    static NDArray forward(GraphBlock block, Weights weights, NDManager manager, NDArray x) {
        initializeWith(block, weights, manager);
        ParameterStore store = new ParameterStore(manager, false);
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /** Allocates {@code block}'s parameters in {@code manager} and fills them from {@code weights}. */
    static void initializeWith(GraphBlock block, Weights weights, NDManager manager) {
        // zeros, not random draws: every value is overwritten next (saves ~50 ms on a RepVGG-A0)
        block.setInitializer(Initializer.ZEROS, p -> true);
        block.initialize(manager);
        block.setWeights(weights);
    }

    /** A base manager for {@code device} (null: CPU) of the named engine (null: default). */
    static NDManager openManager(Device device, String engineName) {
        Device d = device == null ? Device.cpu() : device;
        if (engineName == null) {
            return NDManager.newBaseManager(d);
        }
        if (!Engine.hasEngine(engineName)) {
            throw new IllegalArgumentException("engine '" + engineName + "' is not available; engines: "
                    + Engine.getAllEngines());
        }
        return NDManager.newBaseManager(d, engineName);
    }

    static void requireBatchedInput(GraphBlock block, Tensor input) {
        int[] s = input.shape();
        int[] want = {block.inputShape().channels(), block.inputShape().height(), block.inputShape().width()};
        if (s.length != 4 || s[0] < 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, 4), want)) {
            throw new IllegalArgumentException("input must be [N, " + want[0] + ", " + want[1] + ", " + want[2]
                    + "] with N >= 1, got " + Arrays.toString(s));
        }
    }
}
