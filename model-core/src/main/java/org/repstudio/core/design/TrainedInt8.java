package org.repstudio.core.design;

import java.util.List;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Op;
import org.repstudio.core.onnx.ExportCheckException;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.OnnxExporter;
import org.repstudio.core.onnx.OnnxForm;
import org.repstudio.core.quant.Calibration;
import org.repstudio.core.quant.CalibrationSet;
import org.repstudio.core.quant.Int8Exporter;
import org.repstudio.core.quant.OrtEvaluation;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.Int8Evaluation;
import org.repstudio.core.train.Int8Evaluation.Outcome;
import org.repstudio.core.train.LabeledImages;
import org.repstudio.core.train.TrainingRun;

/**
 * After training: the trained harness exported float unfused, float fused and INT8 fused (QDQ, min-max ranges
 * from a few training batches), all three run by ONNX Runtime on the test split, and INT8 timed against float
 * fused. Never throws: a model with nothing to quantize or a failing step comes back as an outcome with its
 * reason, so the trained run is saved whatever happens here.
 */
public final class TrainedInt8 {

    /** Calibration: the first 8 batches of 32 training images, min-max (the export's default). */
    static final Calibration CALIBRATION = Calibration.minMax(8, 32);
    /** Latency: batch 1, 2 intra-op threads, this many interleaved runs of each after a warm-up. */
    static final int THREADS = 2;
    static final int WARMUP = 5;
    static final int RUNS = 30;
    /**
     * The exports' self-check (ONNX Runtime vs DJL on a random input): trained BN statistics put the float32
     * round-off of a deep harness above the export's default 1e-6, and this check is not what is measured here.
     */
    static final double EXPORT_TOLERANCE = 1e-4;

    private TrainedInt8() {
    }

    /**
     * Evaluates the trained {@code run} on {@code data} (as trained: already cut to {@code --max-train} /
     * {@code --max-test}), fusing with {@code fusion}.
     */
    public static Int8Evaluation evaluate(TrainingRun run, ImageData data, FusionOptions fusion) {
        try {
            String nothing = nothingToQuantize(run, fusion);
            if (nothing != null) {
                return Int8Evaluation.notMeasured(Outcome.NOTHING_TO_QUANTIZE, nothing);
            }
            byte[] unfused = OnnxExporter.export(run.graph(), run.weights(), OnnxForm.UNFUSED, check(run)).bytes();
            byte[] fused = fusedFloat(run, fusion);
            Int8Exporter.Int8Model int8 = quantized(fused, data);
            LabeledImages test = OrtEvaluation.testSplit(data, 0);
            int[][] top1 = OrtEvaluation.top1(List.of(unfused, fused, int8.bytes()), data, test);
            OrtEvaluation.Latency l = OrtEvaluation.latency(fused, int8.bytes(),
                    new long[] {1, test.channels(), test.height(), test.width()}, THREADS, WARMUP, RUNS);
            return new Int8Evaluation(Outcome.MEASURED, "", OrtEvaluation.share(top1[0], test.labels()),
                    OrtEvaluation.share(top1[1], test.labels()), OrtEvaluation.share(top1[2], test.labels()),
                    OrtEvaluation.share(top1[2], top1[1]), test.count(), CALIBRATION.label(), int8.report().images(),
                    int8.report().integerConvs(), l.floatMedianMs(), l.int8MedianMs(), l.threads(), l.reps());
        } catch (ExportCheckException e) {
            return Int8Evaluation.notMeasured(Outcome.FAILED, "the float export failed its check: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            return Int8Evaluation.notMeasured(Outcome.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Only the INT8 fused top-1 of {@link #evaluate} (same export, calibration and test split), for studies that
     * keep that one figure per run; NaN when it could not be measured.
     */
    public static double int8Top1(TrainingRun run, ImageData data, FusionOptions fusion) {
        try {
            if (nothingToQuantize(run, fusion) != null) {
                return Double.NaN;
            }
            Int8Exporter.Int8Model int8 = quantized(fusedFloat(run, fusion), data);
            LabeledImages test = OrtEvaluation.testSplit(data, 0);
            return OrtEvaluation.share(OrtEvaluation.top1(List.of(int8.bytes()), data, test)[0], test.labels());
        } catch (Exception | LinkageError e) {
            return Double.NaN;
        }
    }

    /** Why the fused model has nothing to quantize, or null when it has convs. */
    private static String nothingToQuantize(TrainingRun run, FusionOptions fusion) {
        FusionTrace trace = FusionPlanner.fuse(run.graph(), run.weights(), fusion);
        if (trace.steps().isEmpty()) {
            return "nothing was fused";
        }
        if (trace.fused().nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Conv)) {
            return "the fused model has no conv";
        }
        return null;
    }

    private static ExportOptions check(TrainingRun run) {
        return ExportOptions.defaults().withSeed(run.config().seed()).withTolerance(EXPORT_TOLERANCE);
    }

    private static byte[] fusedFloat(TrainingRun run, FusionOptions fusion) throws Exception {
        return OnnxExporter.export(run.graph(), run.weights(), OnnxForm.FUSED, check(run), fusion).bytes();
    }

    private static Int8Exporter.Int8Model quantized(byte[] fusedFloat, ImageData data) throws Exception {
        return Int8Exporter.quantize(fusedFloat, CalibrationSet.of(data, CALIBRATION.batches(),
                CALIBRATION.batchSize()), CALIBRATION);
    }
}
