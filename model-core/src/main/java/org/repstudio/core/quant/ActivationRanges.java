package org.repstudio.core.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the range of chosen float tensors of an ONNX model by running it in ONNX Runtime on calibration
 * batches, with those tensors added as extra graph outputs.
 */
final class ActivationRanges {

    private ActivationRanges() {
    }

    /** [min, max] of each tensor in {@code names}, estimated as {@code cal} says. */
    static Map<String, double[]> measure(ModelProto model, List<String> names, CalibrationSet data, Calibration cal)
            throws OrtException {
        GraphProto.Builder g = model.getGraph().toBuilder();
        java.util.Set<String> outputs = new java.util.HashSet<>();
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (String n : names) {
            if (outputs.add(n)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(n).setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, double[]> sums = new LinkedHashMap<>();
        names.forEach(n -> sums.put(n, new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        int batches = Math.min(cal.batches(), data.batches().size());
        String input = model.getGraph().getInput(0).getName();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(bytes, o)) {
                for (int b = 0; b < batches; b++) {
                    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data.batches().get(b)),
                            data.shape(b)); OrtSession.Result r = s.run(Map.of(input, x))) {
                        for (String n : names) {
                            OnnxValue v = r.get(n).orElseThrow();
                            FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                            float[] f = new float[fb.remaining()];
                            fb.get(f);
                            accumulate(sums.get(n), f, cal, batches);
                        }
                    }
                }
            }
        }
        return sums;
    }

    /** Min-max keeps the extremes; percentile adds this batch's share of the averaged percentiles. */
    private static void accumulate(double[] range, float[] values, Calibration cal, int batches) {
        if (cal.method() == Calibration.Method.MIN_MAX) {
            for (float v : values) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
            return;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double hi = sorted[index(sorted.length, cal.percentile())];
        double lo = sorted[index(sorted.length, 100 - cal.percentile())];
        if (Double.isInfinite(range[0])) {
            range[0] = 0;
            range[1] = 0;
        }
        range[0] += lo / batches;
        range[1] += hi / batches;
    }

    private static int index(int n, double percentile) {
        return (int) Math.max(0, Math.min(n - 1, Math.round(percentile / 100 * (n - 1))));
    }
}
