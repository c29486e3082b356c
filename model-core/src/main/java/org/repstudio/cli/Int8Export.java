package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.onnx.ExportCheckException;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.OnnxExporter;
import org.repstudio.core.onnx.OnnxForm;
import org.repstudio.core.onnx.OnnxModel;
import org.repstudio.core.quant.Calibration;
import org.repstudio.core.quant.CalibrationSet;
import org.repstudio.core.quant.Int8Exporter;
import org.repstudio.core.quant.Int8Report;
import org.repstudio.core.quant.OrtEvaluation;
import org.repstudio.core.train.DataSpec;
import org.repstudio.core.train.DatasetException;
import org.repstudio.core.train.ImageData;

/**
 * {@code export --fused --int8 --calibrate DATA}: the checked float fused model, quantized to QDQ INT8 on
 * calibration images, written only when ONNX Runtime runs it with integer convolutions.
 */
final class Int8Export {

    private Int8Export() {
    }

    static int run(Path design, Optional<Path> weights, long seed, double tolerance, boolean fused, boolean allowPartial,
                   Path output, boolean json, Int8Options o) throws Exception {
        if (!o.int8) {
            throw new BadInputException("--calibrate is only used with --int8");
        }
        if (!fused) {
            throw new BadInputException("--int8 needs --fused: INT8 is for the deployed, fused model");
        }
        if (o.data == null) {
            throw new BadInputException("--int8 needs --calibrate DATA (e.g. builtin or mnist:DIR) to "
                    + "measure activation ranges");
        }
        Calibration cal = parse(o);
        LoadedDesign d = Designs.load(design, seed, weights, true); // random weights: BN statistics of a real batch
        CommandFiles.require(d.readPlan(weights).writes("-o", output));
        Designs.sayWeights(d);
        FusionOptions fusion = d.method().fusion(false);
        FusionTrace trace = FusionPlanner.fuse(d.graph(), d.weights(), fusion);
        if (trace.steps().isEmpty()) {
            throw new BadInputException(design.getFileName() + ": nothing was fused (no region with more "
                    + "than one node); INT8 here is for fused designs");
        }
        if (!trace.exact() && !allowPartial) {
            trace.refusals().forEach(r -> System.err.println("REFUSED " + r.region() + ": " + r.reason()));
            System.err.println("error: " + trace.refusals().size() + " region(s) cannot be fused; nothing written");
            return 1;
        }
        ImageData images = null;
        CalibrationSet set;
        if (o.data.equalsIgnoreCase("random")) {
            var in = (org.repstudio.core.graph.Op.Input) d.design().graph().node(d.design().graph().inputIds().get(0)).op();
            set = CalibrationSet.gaussian(new int[] {in.channels(), in.height(), in.width()}, o.batches, o.batchSize, seed);
        } else {
            DataSpec spec = DataSpec.parse(o.data);
            try {
                images = spec.load(seed);
            } catch (DatasetException e) {
                throw new BadInputException("dataset " + spec + ": " + e.getMessage());
            }
            set = CalibrationSet.of(images, o.batches, o.batchSize);
        }
        if (o.evaluate && images == null) {
            throw new BadInputException("--evaluate needs a dataset with a test split, not random");
        }
        OnnxModel floatModel;
        try {
            floatModel = OnnxExporter.export(d.graph(), d.weights(), OnnxForm.FUSED, ExportOptions.defaults()
                    .withSeed(seed).withTolerance(tolerance), fusion);
        } catch (ExportCheckException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        Int8Exporter.Int8Model m;
        try {
            m = Int8Exporter.quantize(floatModel.bytes(), set, cal);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage() + "; nothing written");
            return 1;
        }
        AtomicFiles.write(output, m.bytes());
        print(output, images == null ? "random" : images.name(), m.report(), json);
        if (o.evaluate) {
            OrtEvaluation.Accuracy a = OrtEvaluation.accuracy(floatModel.bytes(), m.bytes(), images, 0);
            System.out.printf("test split (%d images): float fused top-1 %.2f%%, INT8 top-1 %.2f%%, agreement %.2f%%%n",
                    a.images(), 100 * a.floatTop1(), 100 * a.int8Top1(), 100 * a.agreement());
        }
        if (o.benchReps > 0) {
            long[] shape = set.shape(0);
            shape[0] = 1;
            OrtEvaluation.Latency l = OrtEvaluation.latency(floatModel.bytes(), m.bytes(), shape, 2,
                    Math.max(3, o.benchReps / 5), o.benchReps);
            System.out.printf("latency %s, %d threads, %d runs each interleaved: float median %.3f ms (min %.3f), "
                            + "INT8 median %.3f ms (min %.3f): INT8 is %.2fx faster%n", java.util.Arrays.toString(shape),
                    l.threads(), l.reps(), l.floatMedianMs(), l.floatMinMs(), l.int8MedianMs(), l.int8MinMs(), l.ratio());
        }
        return 0;
    }

    private static Calibration parse(Int8Options o) {
        String t = o.method.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("minmax") || t.equals("min-max")) {
            return Calibration.minMax(o.batches, o.batchSize);
        }
        if (t.startsWith("percentile:")) {
            try {
                return Calibration.percentile(Double.parseDouble(t.substring("percentile:".length())), o.batches,
                        o.batchSize);
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new BadInputException("--calibration '" + o.method + "': use minmax or percentile:P, "
                + "e.g. percentile:99.99");
    }

    private static void print(Path output, String dataset, Int8Report r, boolean json) {
        if (json) {
            var om = new com.fasterxml.jackson.databind.ObjectMapper();
            var n = om.createObjectNode();
            n.put("path", output.toString());
            n.put("form", "fused-int8-qdq");
            n.put("dataset", dataset);
            n.put("calibration", r.calibration());
            n.put("calibrationImages", r.images());
            n.put("quantizedConvs", r.quantizedConvs());
            n.put("quantizedActivations", r.quantizedTensors());
            n.put("integerConvs", r.integerConvs());
            var ops = n.putObject("optimizedOps");
            r.optimizedOps().forEach(ops::put);
            n.put("maxAbsDiffVsFloat", r.maxAbsDiff());
            n.put("maxRelDiffVsFloat", r.maxRelDiff());
            if (!Double.isNaN(r.agreement())) {
                n.put("top1AgreementVsFloat", r.agreement());
            }
            n.put("comparedImages", r.compared());
            System.out.println(n.toPrettyString());
            return;
        }
        System.out.printf("wrote %s: fused INT8 ONNX (QDQ), %d conv(s) with per-channel INT8 weights, %d activation(s) "
                        + "UINT8 per tensor, calibrated %s on %d %s image(s)%n", output, r.quantizedConvs(),
                r.quantizedTensors(), r.calibration(), r.images(), dataset);
        System.out.printf("ONNX Runtime's optimized graph: %d integer conv(s) %s%n", r.integerConvs(), r.optimizedOps());
        System.out.printf("vs float on %d image(s): maxAbsDiff %.3e, maxRelDiff %.3e%s%n", r.compared(), r.maxAbsDiff(),
                r.maxRelDiff(), Double.isNaN(r.agreement()) ? "" : String.format(", top-1 agreement %.1f%%",
                        100 * r.agreement()));
    }
}
