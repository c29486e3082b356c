package org.repstudio.core.engine;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Random;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Sizes;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Checks that two graphs compute the same function: one standard-normal input [batch, C, H, W] drawn
 * from a seed, both graphs run once on DJL (CPU, float32, inference), outputs compared in float64.
 * Each graph is compiled once, so a whole RepVGG-A0 at 224x224 takes well under a second after the
 * engine has loaded.
 */
public final class Equivalence {

    static {
        DjlSetup.ensureOffline();
    }

    private Equivalence() {
    }

    /**
     * Compares graph {@code a} (the reference) with weights {@code wa} against {@code b} with {@code wb}.
     *
     * @throws IllegalArgumentException when either graph is invalid, their input or output shapes differ,
     *                                  or weights do not fit
     */
    public static Comparison compare(Graph a, Weights wa, Graph b, Weights wb, long seed, int batch) {
        return compare(a, wa, b, wb, seed, batch, null);
    }

    /** As {@link #compare(Graph, Weights, Graph, Weights, long, int)}, both run on the named engine (null: default). */
    public static Comparison compare(Graph a, Weights wa, Graph b, Weights wb, long seed, int batch, String engine) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        GraphBlock.requireValid(a);
        GraphBlock.requireValid(b);
        TensorShape inA = inputShape(a);
        TensorShape inB = inputShape(b);
        if (!inA.equals(inB)) {
            throw new IllegalArgumentException("the graphs take different inputs: " + inA + " vs " + inB);
        }
        requireFits(a, batch);
        requireFits(b, batch);
        Tensor x = standardNormal(inA.withBatch(batch), seed);
        Tensor ya = GraphRunner.run(a, wa, x, Device.cpu(), engine);
        Tensor yb = GraphRunner.run(b, wb, x, Device.cpu(), engine);
        return compareOutputs(ya, yb);
    }

    /** Compares two outputs of the same shape; {@code a} is the reference. */
    public static Comparison compareOutputs(Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("the outputs differ in shape: " + Arrays.toString(a.shape())
                    + " vs " + Arrays.toString(b.shape()));
        }
        double diff = Tensor.maxAbsDiff(a, b);
        double ref = a.maxAbs();
        double rel = ref > 0 ? diff / ref : diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        return new Comparison(diff, rel, ref, Arrays.stream(a.shape()).asLongStream().toArray());
    }

    /** Deterministic standard-normal tensor: the same seed gives the same values on every engine. */
    public static Tensor standardNormal(long[] shape, long seed) {
        Sizes.requireBatch(shape);
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        Tensor t = Tensor.zeros(dims);
        Random rnd = new Random(seed);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return t;
    }

    /** Refuses a batch whose largest tensor in {@code g} would not fit, before anything runs. */
    static void requireFits(Graph g, int batch) {
        ShapeInference.infer(g).shapes().values().stream().max(java.util.Comparator.comparingLong(TensorShape::size))
                .ifPresent(s -> Sizes.requireBatch(s.withBatch(batch)));
    }

    private static TensorShape inputShape(Graph g) {
        return ShapeInference.infer(g).shapes().get(g.inputIds().get(0));
    }
}
