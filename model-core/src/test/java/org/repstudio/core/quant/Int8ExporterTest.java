package org.repstudio.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.BnCalibration;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleBlocks;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.OnnxExporter;
import org.repstudio.core.onnx.OnnxForm;

/** The QDQ INT8 export runs with integer convs in ONNX Runtime and matches an independent fake-quant. */
class Int8ExporterTest {

    private static Graph block;
    private static Weights weights;
    private static byte[] floatModel;
    private static CalibrationSet data;

    @BeforeAll
    static void exportFloat() {
        block = SampleBlocks.repvgg(16, 16, 16, 1);
        weights = BnCalibration.calibrate(block, RandomWeights.generate(block, 5), 5, 4);
        floatModel = OnnxExporter.export(block, weights, OnnxForm.FUSED, ExportOptions.defaults()).bytes();
        data = gaussian(new int[] {16, 16, 16}, 3, 4, 11);
    }

    static CalibrationSet gaussian(int[] sample, int batches, int n, long seed) {
        return CalibrationSet.gaussian(sample, batches, n, seed);
    }

    @Test
    void onnxRuntimeRunsIntegerConvsAndMatchesFakeQuantWithinOneStep() throws Exception {
        Int8Exporter.Int8Model m = Int8Exporter.quantize(floatModel, data, Calibration.minMax(3, 4));
        assertTrue(m.report().integerConvs() >= 1, m.report().optimizedOps().toString());
        assertEquals(1, m.report().quantizedConvs());
        assertEquals(2, m.report().quantizedTensors()); // the input and the ReLU's output
        assertEquals(12, m.report().images());

        FusionTrace t = FusionPlanner.fuse(block, weights, false);
        Tensor x = Tensor.fromFloats(new int[] {4, 16, 16, 16}, gaussian(new int[] {16, 16, 16}, 1, 4, 99)
                .batches().get(0));
        Tensor expected = FakeQuant.run(t.fused(), t.fusedWeights(), m.input(), m.byNode(), x);
        float[] got = runOrt(m.bytes(), x);
        QuantParams out = m.byNode().get("relu");
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - expected.get(i)));
        }
        assertTrue(worst <= out.scale() * 1.0001, "max |ort - fake quant| " + worst + " > one step " + out.scale());
        assertTrue(m.report().maxRelDiff() < 0.1, "int8 vs float rel " + m.report().maxRelDiff());
    }

    @Test
    void percentileRangesAreNoWiderThanMinMax() throws Exception {
        Int8Exporter.Int8Model mm = Int8Exporter.quantize(floatModel, data, Calibration.minMax(3, 4));
        Int8Exporter.Int8Model pc = Int8Exporter.quantize(floatModel, data, Calibration.percentile(99.9, 3, 4));
        assertTrue(pc.input().scale() < mm.input().scale(), pc.input() + " vs " + mm.input());
        assertEquals("percentile 99.9", pc.report().calibration());
    }

    @Test
    void imagesOfAnotherShapeAreRefusedNamingBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Int8Exporter.quantize(
                floatModel, gaussian(new int[] {1, 32, 32}, 1, 2, 1), Calibration.minMax(1, 2)));
        assertTrue(e.getMessage().contains("[16, 16, 16]") && e.getMessage().contains("[1, 32, 32]"), e.getMessage());
    }

    @Test
    void anEmptyCalibrationSetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationSet(new int[] {1, 2, 2}, List.of(), List.of()));
        assertTrue(e.getMessage().contains("calibration set is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.minMax(0, 8));
    }

    private static float[] runOrt(byte[] model, Tensor x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloats()),
                     new long[] {x.dim(0), x.dim(1), x.dim(2), x.dim(3)});
             OrtSession.Result r = s.run(Map.of("input", in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        }
    }
}
