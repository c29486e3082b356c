package org.repstudio.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.function.Function;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Training-step time (forward and backward, batch statistics in the BN) of one block in three forms,
 * interleaved in one run: OREPA's online form ({@link GraphBlock#online}: one squeezed conv, as
 * {@code train --online} runs it), the same block with every branch run
 * (offline re-param, DBB style), and a plain KxK conv-BN-ReLU of the same shape.
 */
public final class TrainStepBench {

    static {
        DjlSetup.ensureOffline();
    }

    private TrainStepBench() {
    }

    /** Median milliseconds per step of each form. */
    public record Result(double onlineMs, double offlineMs, double plainMs, int batch, int reps) {
        public double onlineVsOffline() {
            return offlineMs / onlineMs;
        }

        public double onlineVsPlain() {
            return onlineMs / plainMs;
        }
    }

    public static Result measure(Graph block, Weights weights, int batch, int warmup, int reps) {
        TensorShape in = ShapeInference.infer(block).shapes().get(block.inputIds().get(0));
        TensorShape out = ShapeInference.infer(block).shapes().get(block.outputIds().get(0));
        Graph plain = plainOf(in, out, kernelOf(block));
        Weights plainWeights = RandomWeights.generate(plain, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = TensorBridge.toNDArray(manager, Equivalence.standardNormal(in.withBatch(batch), 7));
            GraphBlock online = GraphBlock.online(block); // what `train --online` runs
            GraphRunner.initializeWith(online, weights, manager);
            GraphBlock offline = trainable(block, weights, manager);
            GraphBlock plainBlock = trainable(plain, plainWeights, manager);
            ParameterStore store = new ParameterStore(manager, false);
            Function<NDArray, NDArray> onlineStep = a -> online.forward(store, new NDList(a), true).singletonOrThrow();
            Function<NDArray, NDArray> offlineStep = a -> offline.forward(store, new NDList(a), true).singletonOrThrow();
            Function<NDArray, NDArray> plainStep = a -> plainBlock.forward(store, new NDList(a), true).singletonOrThrow();
            double[][] ms = new double[3][reps];
            for (int r = 0; r < warmup + reps; r++) {
                for (int k = 0; k < 3; k++) {
                    int form = (r + k) % 3; // rotate the order so no form always runs first
                    Function<NDArray, NDArray> f = form == 0 ? onlineStep : form == 1 ? offlineStep : plainStep;
                    double t = step(f, x);
                    if (r >= warmup) {
                        ms[form][r - warmup] = t;
                    }
                }
            }
            return new Result(median(ms[0]), median(ms[1]), median(ms[2]), batch, reps);
        }
    }

    private static double step(Function<NDArray, NDArray> forward, NDArray x) {
        long start = System.nanoTime();
        try (NDManager scratch = x.getManager().newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray xs = x.duplicate();
            xs.attach(scratch);
            NDArray y = forward.apply(xs);
            NDArray loss = y.square().mean();
            gc.backward(loss);
            loss.toFloatArray(); // wait for lazy engines before stopping the clock
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static GraphBlock trainable(Graph g, Weights w, NDManager manager) {
        GraphBlock b = new GraphBlock(g);
        GraphRunner.initializeWith(b, w, manager);
        return b;
    }

    /** The largest kernel of the block: the plain conv has that size. */
    private static int kernelOf(Graph g) {
        int k = 1;
        for (var n : g.nodes().values()) {
            if (n.op() instanceof Op.Conv c) {
                k = Math.max(k, c.kernelH());
            }
        }
        return k;
    }

    static Graph plainOf(TensorShape in, TensorShape out, int k) {
        return new GraphBuilder().input("in", in.channels(), in.height(), in.width())
                .conv("conv", "in", out.channels(), k, 1, k / 2, 1).bn("bn", "conv")
                .add("relu", new Op.Relu(), "bn").output("out", "relu").build();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

}
