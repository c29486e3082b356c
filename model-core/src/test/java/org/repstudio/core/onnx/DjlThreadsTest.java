package org.repstudio.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

/** The thread count a bench asks for reaches PyTorch even when nothing has set DJL's default engine yet. */
class DjlThreadsTest {

    private static final String DEFAULT_ENGINE = "ai.djl.default_engine";

    @Test
    void setsPyTorchsThreadsBeforeAnythingElseChoseTheEngine() {
        String before = System.getProperty(DEFAULT_ENGINE);
        System.clearProperty(DEFAULT_ENGINE); // as in a fresh process: DJL alone would pick MXNet
        try (DjlThreads t = DjlThreads.use(1)) {
            assertEquals(1, JniUtils.getNumThreads());
        } finally {
            if (before != null) {
                System.setProperty(DEFAULT_ENGINE, before);
            }
        }
    }
}
