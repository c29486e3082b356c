package org.repstudio.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.repstudio.core.engine.GraphBlock;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/**
 * The class a trained graph predicts for every image of a split (inference mode, float32), plus the
 * logits, so an unfused and a fused model can be compared image by image.
 */
public record Predictions(int[] classes, float[][] logits) {

    /** Runs {@code graph} with {@code weights} over {@code split} in batches on {@code device}. */
    public static Predictions of(Graph graph, Weights weights, ImageData data, LabeledImages split, Device device,
                                 String engine, int batch) {
        GraphBlock block = new GraphBlock(graph);
        Batches batches = new Batches(data);
        int[] order = Batches.identity(split.count());
        int[] classes = new int[split.count()];
        float[][] logits = new float[split.count()][];
        try (NDManager manager = engine == null ? NDManager.newBaseManager(device)
                : NDManager.newBaseManager(device, engine)) {
            block.setInitializer(Initializer.ZEROS, p -> true); // every value is overwritten next
            block.initialize(manager);
            block.setWeights(weights);
            ParameterStore store = new ParameterStore(manager, false);
            for (int from = 0; from < split.count(); from += batch) {
                int n = Math.min(batch, split.count() - from);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = batches.images(scope, split, order, from, n);
                    NDArray y = block.forward(store, new NDList(x), false).singletonOrThrow();
                    long[] arg = y.argMax(1).toLongArray();
                    float[] flat = y.toFloatArray();
                    int k = flat.length / n;
                    for (int i = 0; i < n; i++) {
                        classes[from + i] = (int) arg[i];
                        logits[from + i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                    }
                }
            }
        }
        return new Predictions(classes, logits);
    }

    /** Fraction of images whose predicted class is the label. */
    public double accuracy(int[] labels) {
        int c = 0;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == labels[i]) {
                c++;
            }
        }
        return (double) c / classes.length;
    }

    /** Fraction of images on which both models predict the same class. */
    public double agreement(Predictions other) {
        int same = 0;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == other.classes[i]) {
                same++;
            }
        }
        return (double) same / classes.length;
    }

    /** Largest absolute logit of any image. */
    public double maxAbsLogit() {
        double m = 0;
        for (float[] row : logits) {
            for (float v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Largest absolute difference of any logit between the two models. */
    public double maxLogitDiff(Predictions other) {
        double m = 0;
        for (int i = 0; i < logits.length; i++) {
            for (int k = 0; k < logits[i].length; k++) {
                m = Math.max(m, Math.abs(logits[i][k] - other.logits[i][k]));
            }
        }
        return m;
    }
}
