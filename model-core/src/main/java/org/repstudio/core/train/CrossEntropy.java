package org.repstudio.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import org.repstudio.core.engine.EngineNames;

/**
 * Mean softmax cross-entropy of logits [n, classes] against class labels: the value and gradient of DJL's
 * {@code SoftmaxCrossEntropyLoss}, in fewer ops where the engine allows it. On PyTorch the labels go in as
 * an int64 index [n, 1] and the loss is {@code -mean(gather(logSoftmax(logits), labels))}: four ops and four
 * backward nodes, where DJL's pick converts the float labels and reshapes around its gather every step.
 * Negating the mean instead of each picked value gives the same float (negation is exact). Other engines
 * keep DJL's loss with float labels.
 */
final class CrossEntropy {

    private final Loss djlLoss;
    private final boolean gatherPath;

    CrossEntropy(Loss djlLoss, String engineName) {
        this.djlLoss = djlLoss;
        this.gatherPath = EngineNames.isPyTorch(engineName);
    }

    /** The labels of a batch as this loss takes them, in {@code manager}. */
    NDArray labels(NDManager manager, int[] labels) {
        if (gatherPath) {
            long[] index = new long[labels.length];
            for (int i = 0; i < labels.length; i++) {
                index[i] = labels[i];
            }
            return manager.create(index, new Shape(labels.length, 1));
        }
        float[] y = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = labels[i];
        }
        return manager.create(y);
    }

    /** The mean loss over the batch, a scalar that backward can start from. */
    NDArray mean(NDArray logits, NDArray labels) {
        if (gatherPath) {
            return logits.logSoftmax(1).gather(labels, 1).mean().neg();
        }
        return djlLoss.evaluate(new NDList(labels), new NDList(logits));
    }
}
