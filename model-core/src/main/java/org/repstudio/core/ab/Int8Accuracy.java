package org.repstudio.core.ab;

import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.TrainingRun;

/**
 * How an A/B measures each trained run's INT8 fused top-1 on the test split ({@code ab --int8}); the A/B itself
 * knows nothing of ONNX Runtime, the caller supplies it. NaN when the run has nothing to quantize.
 */
@FunctionalInterface
public interface Int8Accuracy {

    /** Measures nothing: an A/B without INT8. */
    Int8Accuracy NONE = (run, data) -> Double.NaN;

    double top1(TrainingRun run, ImageData test);
}
