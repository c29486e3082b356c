package org.repstudio.core.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.LabeledImages;

/**
 * Float vs INT8 in ONNX Runtime: top-1 accuracy of both on a dataset's test split with their agreement, and
 * their latency measured interleaved (one float run, one INT8 run, alternating) so load hits both alike.
 */
public final class OrtEvaluation {

    private static final int BATCH = 100;

    /** Accuracy of each model and the share of images where their top-1 classes agree. */
    public record Accuracy(double floatTop1, double int8Top1, double agreement, int images) {
    }

    /** Median and min milliseconds per run of each model; {@code ratio} is float median over INT8 median. */
    public record Latency(double floatMedianMs, double int8MedianMs, double floatMinMs, double int8MinMs, int reps,
                          int threads, long[] shape) {
        public double ratio() {
            return floatMedianMs / int8MedianMs;
        }
    }

    private OrtEvaluation() {
    }

    /** Both models on the test split of {@code data} (at most {@code maxImages}, 0 for all). */
    public static Accuracy accuracy(byte[] floatModel, byte[] int8Model, ImageData data, int maxImages)
            throws OrtException {
        LabeledImages test = testSplit(data, maxImages);
        int[][] p = top1(List.of(floatModel, int8Model), data, test);
        return new Accuracy(share(p[0], test.labels()), share(p[1], test.labels()), share(p[0], p[1]), test.count());
    }

    /** The test split of {@code data}, at most {@code maxImages} of it (0 for all); never empty. */
    public static LabeledImages testSplit(ImageData data, int maxImages) {
        LabeledImages test = maxImages > 0 ? data.test().head(maxImages) : data.test();
        if (test.count() == 0) {
            throw new IllegalArgumentException("dataset " + data.name() + " has no test image");
        }
        return test;
    }

    /** The top-1 class each model predicts for each image of {@code test} (normalized as {@code data}'s). */
    public static int[][] top1(List<byte[]> models, ImageData data, LabeledImages test) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int size = test.imageSize();
        int[][] out = new int[models.size()][test.count()];
        try (OrtSession.SessionOptions o = options(2)) {
            for (int m = 0; m < models.size(); m++) {
                try (OrtSession s = env.createSession(models.get(m), o)) {
                    String in = s.getInputNames().iterator().next();
                    for (int from = 0; from < test.count(); from += BATCH) {
                        int n = Math.min(BATCH, test.count() - from);
                        float[] x = new float[n * size];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = data.normalize(test.pixels()[from * size + i]);
                        }
                        float[] y = run(env, s, in, x, new long[] {n, test.channels(), test.height(), test.width()});
                        int classes = y.length / n;
                        for (int i = 0; i < n; i++) {
                            out[m][from + i] = argMax(y, i * classes, classes);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The share of positions where {@code a} and {@code b} hold the same class. */
    public static double share(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    /** Interleaved latency of both models on a random input of {@code shape}, after {@code warmup} runs of each. */
    public static Latency latency(byte[] floatModel, byte[] int8Model, long[] shape, int threads, int warmup, int reps)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = new float[(int) Arrays.stream(shape).reduce(1, (p, d) -> p * d)];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        double[] tf = new double[reps];
        double[] tq = new double[reps];
        try (OrtSession.SessionOptions o = options(threads); OrtSession f = env.createSession(floatModel, o);
             OrtSession q = env.createSession(int8Model, o);
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
            String in = f.getInputNames().iterator().next();
            for (int i = 0; i < warmup; i++) {
                f.run(Map.of(in, t)).close();
                q.run(Map.of(in, t)).close();
            }
            for (int i = 0; i < reps; i++) {
                tf[i] = time(f, in, t);
                tq[i] = time(q, in, t);
            }
        }
        Arrays.sort(tf);
        Arrays.sort(tq);
        return new Latency(tf[reps / 2], tq[reps / 2], tf[0], tq[0], reps, threads, shape.clone());
    }

    private static double time(OrtSession s, String in, OnnxTensor t) throws OrtException {
        long start = System.nanoTime();
        s.run(Map.of(in, t)).close();
        return (System.nanoTime() - start) / 1e6;
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    static float[] run(OrtEnvironment env, OrtSession s, String in, float[] x, long[] shape) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = s.run(Map.of(in, t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        }
    }

    static int argMax(float[] a, int from, int n) {
        int best = from;
        for (int i = from; i < from + n; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best - from;
    }
}
