package org.repstudio.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;

/**
 * ONNX Runtime (CPU) for the self-check and the benchmark: sessions on in-memory model bytes, runs on
 * float64 {@link Tensor}s cast to float32. The environment is process-wide and never closed.
 */
final class OrtRuntime {

    private OrtRuntime() {
    }

    static OrtEnvironment environment() {
        // warnings only: ORT logs every graph transformer at INFO
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "repstudio");
    }

    /** The ONNX Runtime version string, e.g. "1.23.2". */
    static String version() {
        return environment().getVersion();
    }

    /**
     * Session options: {@code threads} intra-op threads (0: ORT's default, one per core), one inter-op
     * thread, sequential execution, graph optimizations at {@code level}; {@code spinning} false makes idle
     * pool threads block instead of spinning, so they leave the cores to whoever runs next.
     */
    static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level, boolean spinning)
            throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            if (threads > 0) {
                o.setIntraOpNumThreads(threads);
            }
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(level);
            if (!spinning) {
                o.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    static OrtSession open(byte[] model, OrtSession.SessionOptions options) throws OrtException {
        return environment().createSession(model, options);
    }

    /** A float32 input tensor for the model's {@code input}; the caller closes it. */
    static OnnxTensor tensor(Tensor x) throws OrtException {
        long[] shape = new long[x.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = x.dim(i);
        }
        return OnnxTensor.createTensor(environment(), FloatBuffer.wrap(x.toFloats()), shape);
    }

    /** Runs the model once on {@code x} and returns {@code output} as float64. */
    static Tensor run(OrtSession session, Tensor x) throws OrtException {
        try (OnnxTensor in = tensor(x);
             OrtSession.Result result = session.run(Map.of(OnnxGraphWriter.INPUT, in))) {
            OnnxValue v = result.get(OnnxGraphWriter.OUTPUT)
                    .orElseThrow(() -> new IllegalStateException("the model has no output named 'output'"));
            OnnxTensor t = (OnnxTensor) v;
            long[] shape = t.getInfo().getShape();
            int[] dims = new int[shape.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.toIntExact(shape[i]);
            }
            FloatBuffer fb = t.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return Tensor.fromFloats(dims, values);
        }
    }
}
