package org.repstudio.cli;

import java.util.Locale;
import org.repstudio.core.train.Int8Evaluation;

/** The lines {@code train} prints about its INT8 evaluation. */
final class Int8Lines {

    private Int8Lines() {
    }

    static String of(Int8Evaluation e) {
        if (!e.measured()) {
            String what = e.outcome() == Int8Evaluation.Outcome.NOTHING_TO_QUANTIZE ? "nothing to quantize"
                    : "failed";
            return "INT8 evaluation: " + what + " (" + e.reason() + "); the trained run is kept";
        }
        return String.format(Locale.ROOT, "ONNX Runtime on %d test images: float unfused %.2f%%, float fused %.2f%%, "
                        + "INT8 fused %.2f%% (%+.2f points, agreement with float fused %.2f%%; %s on %d training "
                        + "images, %d integer convs)%nINT8 latency (batch 1, %d threads, %d runs interleaved): "
                        + "float fused %.3f ms, INT8 %.3f ms median: INT8 %.2fx faster",
                e.images(), 100 * e.floatUnfusedTop1(), 100 * e.floatFusedTop1(), 100 * e.int8Top1(),
                e.int8DeltaPoints(), 100 * e.agreement(), e.calibration(), e.calibrationImages(), e.integerConvs(),
                e.latencyThreads(), e.latencyRuns(), e.floatMedianMs(), e.int8MedianMs(), e.speedup());
    }
}
