package org.repstudio.core.onnx;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.GraphBlock;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * One graph compiled on DJL (CPU, float32, inference) with its input in place, timed one forward pass at a
 * time. The engine's own Latency times one graph in a closed loop; the bench needs single passes so it can
 * interleave several models.
 */
final class DjlTimer implements AutoCloseable {

    private final GraphBlock block;
    private final NDManager manager;
    private final ParameterStore store;
    private final NDArray input;

    DjlTimer(Graph graph, Weights weights, Tensor x) {
        block = new GraphBlock(graph);
        manager = NDManager.newBaseManager(Device.cpu());
        try {
            block.setInitializer(Initializer.ZEROS, p -> true); // every value is overwritten next
            block.initialize(manager);
            block.setWeights(weights);
            store = new ParameterStore(manager, false);
            long[] shape = new long[x.rank()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = x.dim(i);
            }
            input = manager.create(x.toFloats(), new Shape(shape));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Milliseconds of one forward pass, reading one output value so the engine has really finished. */
    double timeMs() {
        // a per-run scope frees everything the pass creates, so memory stays flat over many runs
        try (NDManager run = manager.newSubManager()) {
            input.tempAttach(run);
            long t0 = System.nanoTime();
            NDArray y = block.forward(store, new NDList(input), false).singletonOrThrow();
            y.reshape(-1).get(0).toFloatArray();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
