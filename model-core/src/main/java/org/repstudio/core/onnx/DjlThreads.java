package org.repstudio.core.onnx;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.repstudio.core.engine.EngineNames;

/**
 * Sets DJL's intra-op thread count for a measurement and puts it back afterwards. Only the PyTorch engine
 * exposes it at run time; other engines keep their own setting (their name says so in the result).
 */
public final class DjlThreads implements AutoCloseable {

    private static final String PYTORCH = "PyTorch";

    private final int previous;

    private DjlThreads(int previous) {
        this.previous = previous;
    }

    /**
     * Uses {@code n} threads until {@link #close()}. The project's DJL defaults go in first: asked before
     * them, DJL names MXNet its default engine, so the setting went nowhere and MXNet's natives were loaded
     * for nothing ({@code bench --train --threads 1} trained on two threads).
     */
    public static DjlThreads use(int n) {
        EngineNames.ensureDefaults();
        if (!PYTORCH.equals(Engine.getInstance().getEngineName())) {
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
        return PYTORCH.equals(e.getEngineName()) ? label : label + " (threads not set by the bench)";
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
