package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The step's loss gives DJL's softmax cross-entropy, value and gradient, on every engine. */
class CrossEntropyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void matchesDjlsLossAndItsGradient(String engine) {
        Random r = new Random(3);
        int n = 16;
        int classes = 8;
        float[] logits = new float[n * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * r.nextGaussian());
        }
        int[] labels = new int[n];
        float[] floatLabels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
            floatLabels[i] = labels[i];
        }
        Loss djl = Loss.softmaxCrossEntropyLoss();
        CrossEntropy ours = new CrossEntropy(djl, engine);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), engine)) {
            float[][] theirs = lossAndGradient(m, logits, n, classes,
                    x -> djl.evaluate(new ai.djl.ndarray.NDList(m.create(floatLabels)), new ai.djl.ndarray.NDList(x)));
            float[][] mine = lossAndGradient(m, logits, n, classes, x -> ours.mean(x, ours.labels(m, labels)));
            assertEquals(theirs[0][0], mine[0][0], 1e-6f, "loss");
            assertArrayEquals(theirs[1], mine[1], 1e-7f, "gradient of the logits");
        }
    }

    private static float[][] lossAndGradient(NDManager m, float[] values, int n, int classes,
                                             java.util.function.Function<NDArray, NDArray> loss) {
        NDArray x = m.create(values, new Shape(n, classes));
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine(m.getEngine().getEngineName()).newGradientCollector()) {
            NDArray l = loss.apply(x);
            gc.backward(l);
            return new float[][] {{l.getFloat()}, x.getGradient().toFloatArray()};
        }
    }
}
