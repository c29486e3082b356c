package org.repstudio.core.quant;

import java.util.Map;

/**
 * How an INT8 model was made and what it does.
 *
 * @param calibration      the range estimator, e.g. "min-max"
 * @param images           calibration images run
 * @param quantizedConvs   convs whose weights became per-channel INT8
 * @param quantizedTensors activations given a Q/DQ pair (UINT8, per tensor)
 * @param optimizedOps     op counts of ONNX Runtime's optimized graph (extended level)
 * @param integerConvs     QLinearConv + ConvInteger nodes among them
 * @param maxAbsDiff       max |int8 - float| of the model output over the compared images
 * @param maxAbsFloat      max |float| of that output, for scale
 * @param agreement        share of compared images whose top-1 class agrees with float (NaN for a spatial output)
 * @param compared         images compared
 */
public record Int8Report(String calibration, int images, int quantizedConvs, int quantizedTensors,
                         Map<String, Integer> optimizedOps, int integerConvs, double maxAbsDiff, double maxAbsFloat,
                         double agreement, int compared) {

    public double maxRelDiff() {
        return maxAbsFloat > 0 ? maxAbsDiff / maxAbsFloat : maxAbsDiff;
    }
}
