package org.repstudio.core.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;

/** One model in an ONNX Runtime session with its input in place, timed one run at a time. */
final class OrtTimer implements AutoCloseable {

    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;

    OrtTimer(byte[] model, Tensor x, int threads, boolean spinning) throws OrtException {
        options = OrtRuntime.options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT, spinning);
        OrtSession s = null;
        try {
            s = OrtRuntime.open(model, options);
            input = OrtRuntime.tensor(x);
        } catch (OrtException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            options.close();
            throw e;
        }
        session = s;
    }

    /** Milliseconds of one run; the output is complete when run returns. */
    double timeMs() throws OrtException {
        long t0 = System.nanoTime();
        OrtSession.Result r = session.run(Map.of(OnnxGraphWriter.INPUT, input));
        double ms = (System.nanoTime() - t0) / 1e6;
        r.close();
        return ms;
    }

    @Override
    public void close() throws OrtException {
        try {
            input.close();
            session.close();
        } finally {
            options.close();
        }
    }
}
