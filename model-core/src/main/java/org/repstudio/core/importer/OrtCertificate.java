package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.algebra.Tensor;

/**
 * Runs the original and the fused model in ONNX Runtime (all graph optimizations on, as deployed) on the same
 * inputs and measures, for the output and for each probed pair of values (a region's output in each file),
 * the largest difference.
 */
final class OrtCertificate {

    /** The largest absolute difference and the largest magnitude of the original, per compared value. */
    record Diff(double maxAbs, double maxRef) {
        double rel() {
            return maxRef == 0 ? (maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY) : maxAbs / maxRef;
        }

        Diff merge(Diff o) {
            return new Diff(Math.max(maxAbs, o.maxAbs), Math.max(maxRef, o.maxRef));
        }
    }

    private OrtCertificate() {
    }

    /**
     * @param pairs original value name to fused value name, the graph outputs first
     * @return the difference per original value name, over all inputs
     */
    static Map<String, Diff> compare(ModelProto original, ModelProto fused, String input, List<Tensor> inputs,
                                     Map<String, String> pairs) {
        Map<String, Diff> diffs = new LinkedHashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(2);
            try (OrtSession a = open(original, pairs.keySet(), so); OrtSession b = open(fused, pairs.values(), so)) {
                for (Tensor x : inputs) {
                    Map<String, float[]> ra = run(a, input, x, pairs.keySet());
                    Map<String, float[]> rb = run(b, input, x, pairs.values());
                    for (Map.Entry<String, String> p : pairs.entrySet()) {
                        Diff d = diff(ra.get(p.getKey()), rb.get(p.getValue()));
                        diffs.merge(p.getKey(), d, Diff::merge);
                    }
                }
            }
        } catch (OrtException e) {
            throw new OnnxImportException("ONNX Runtime could not run the models for the certificate: "
                    + e.getMessage(), e);
        }
        return diffs;
    }

    private static OrtSession open(ModelProto m, java.util.Collection<String> outputs, OrtSession.SessionOptions so)
            throws OrtException {
        Set<String> present = new LinkedHashSet<>();
        for (ValueInfoProto v : m.getGraph().getOutputList()) {
            present.add(v.getName());
        }
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (String o : outputs) {
            if (present.add(o)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(o));
            }
        }
        return OrtProbe.environment().createSession(m.toBuilder().setGraph(g).build().toByteArray(), so);
    }

    private static Map<String, float[]> run(OrtSession s, String input, Tensor x, java.util.Collection<String> outputs)
            throws OrtException {
        long[] shape = new long[x.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = x.dim(i);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (OnnxTensor t = OnnxTensor.createTensor(OrtProbe.environment(), FloatBuffer.wrap(x.toFloats()), shape);
             OrtSession.Result r = s.run(Map.of(input, t), new LinkedHashSet<>(outputs))) {
            for (String o : outputs) {
                FloatBuffer fb = ((OnnxTensor) r.get(o).orElseThrow()).getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                out.put(o, v);
            }
        }
        return out;
    }

    private static Diff diff(float[] ref, float[] got) {
        if (ref.length != got.length) {
            return new Diff(Double.POSITIVE_INFINITY, 0);
        }
        double abs = 0;
        double mag = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = Math.abs((double) ref[i] - got[i]);
            abs = Double.isNaN(d) ? Double.NaN : Math.max(abs, d);
            mag = Math.max(mag, Math.abs(ref[i]));
        }
        return new Diff(abs, mag);
    }

    static List<Tensor> randomInputs(long[] shape, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape[i]);
        }
        List<Tensor> list = new ArrayList<>();
        list.add(Tensor.gaussian(rnd, dims));
        return list;
    }
}
