package org.repstudio.core.onnx;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.repstudio.core.engine.EngineNames;

/**
 * Sets DJL's intra-op thread count for a measurement and puts it back afterwards. Only the PyTorch engine
 * exposes it at run time; other engines keep their own setting (their name says so in the result).
 */
public final class DjlThreads implements AutoCloseable {

    static {
        EngineNames.ensureDefaults(); // before DJL is asked for its engine: alone it would name MXNet
    }

    private final int previous;

    private DjlThreads(int previous) {
        this.previous = previous;
    }

    /** Uses {@code n} threads until {@link #close()}. */
    public static DjlThreads use(int n) {
        if (!EngineNames.isPyTorch(Engine.getInstance().getEngineName())) {
            return new DjlThreads(-1);
        }
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(n);
        return new DjlThreads(before);
    }

    /** "PyTorch 2.7.1" and, where the bench could not set them, a note on threads. */
    static String engineLabel() {
        Engine e = Engine.getInstance();
        String label = e.getEngineName() + " " + e.getVersion();
        return EngineNames.isPyTorch(e.getEngineName()) ? label : label + " (threads not set by the bench)";
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
