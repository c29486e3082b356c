package org.repstudio.core.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;

/** Test helpers that open an exported model in ONNX Runtime. */
final class OrtChecks {

    private OrtChecks() {
    }

    /** Runs the model bytes once on {@code x}, without ORT's graph rewrites. */
    static Tensor run(byte[] model, Tensor x) throws OrtException {
        try (OrtSession.SessionOptions o = OrtRuntime.options(0, OrtSession.SessionOptions.OptLevel.NO_OPT, true);
             OrtSession s = OrtRuntime.open(model, o)) {
            return OrtRuntime.run(s, x);
        }
    }

    /** The model's custom metadata as ONNX Runtime reads it. */
    static Map<String, String> metadata(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = OrtRuntime.open(model, o)) {
            return s.getMetadata().getCustomMetadata();
        }
    }

    /** The model's producer name as ONNX Runtime reads it. */
    static String producer(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = OrtRuntime.open(model, o)) {
            return s.getMetadata().getProducerName();
        }
    }
}
