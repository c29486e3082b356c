package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;

/**
 * ONNX Runtime latency of the original and the fused model side by side: same input, same threads (idle
 * threads block rather than spin, so one model's pool does not slow the other), runs interleaved in
 * alternating order after a warm-up, medians compared. On a shared machine only the ratio means much.
 */
public final class OrtLatency {

    /**
     * Median and fastest milliseconds per run of each model, and how many timed runs each had. On a busy machine
     * the fastest runs are the ones least disturbed by other processes.
     */
    public record Result(double originalMs, double fusedMs, double originalBestMs, double fusedBestMs, int reps,
                         int threads) {
        public double speedup() {
            return originalMs / fusedMs;
        }

        public double bestSpeedup() {
            return originalBestMs / fusedBestMs;
        }
    }

    private OrtLatency() {
    }

    public static Result measure(ModelProto original, byte[] fused, String input, Tensor x, int threads, int reps) {
        long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession a = OrtProbe.environment().createSession(original.toByteArray(), so);
                 OrtSession b = OrtProbe.environment().createSession(fused, so);
                 OnnxTensor t = OnnxTensor.createTensor(OrtProbe.environment(), FloatBuffer.wrap(x.toFloats()), shape)) {
                for (int i = 0; i < 5; i++) {
                    time(a, input, t);
                    time(b, input, t);
                }
                double[] ta = new double[reps];
                double[] tb = new double[reps];
                for (int i = 0; i < reps; i++) {
                    if (i % 2 == 0) {
                        ta[i] = time(a, input, t);
                        tb[i] = time(b, input, t);
                    } else {
                        tb[i] = time(b, input, t);
                        ta[i] = time(a, input, t);
                    }
                }
                return new Result(median(ta), median(tb), Arrays.stream(ta).min().orElse(Double.NaN),
                        Arrays.stream(tb).min().orElse(Double.NaN), reps, threads);
            }
        } catch (OrtException e) {
            throw new OnnxImportException("ONNX Runtime could not time the models: " + e.getMessage(), e);
        }
    }

    private static double time(OrtSession s, String input, OnnxTensor t) throws OrtException {
        long t0 = System.nanoTime();
        try (OrtSession.Result r = s.run(Map.of(input, t))) {
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
