package org.repstudio.core.design;

import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.train.TrainReport;
import org.repstudio.core.train.TrainingListener;
import org.repstudio.core.train.TrainingSession;

/**
 * Training a loaded design the one way the CLI and the app both use: the design method's training mode
 * (unless the user overrides it) and its fusion rewrites for the collapse after training.
 */
public final class DesignTraining {

    private DesignTraining() {
    }

    /** {@code cfg} in the design method's training mode (OREPA online when the design says so). */
    public static TrainConfig inMethodMode(LoadedDesign design, TrainConfig cfg) {
        return cfg.withOnline(design.method().onlineTraining());
    }

    /** The label runs and the provenance give the design: its file name, or its name when never saved. */
    public static String label(LoadedDesign design) {
        return design.file() != null ? design.file().getFileName().toString() : design.design().name();
    }

    /** As {@link #run(LoadedDesign, ImageData, TrainConfig, boolean, TrainingListener, CancelToken, boolean)}
     * with the INT8 evaluation on (what the app's Train does). */
    public static TrainReport run(LoadedDesign design, ImageData data, TrainConfig cfg, boolean baseline,
                                  TrainingListener listener, CancelToken cancel) {
        return run(design, data, cfg, baseline, listener, cancel, true);
    }

    /**
     * Trains the design's harness with {@code cfg} (its mode already chosen), then collapses the trained model
     * with the method's rewrites and compares fused with unfused; with {@code int8}, also evaluates float
     * unfused, float fused and INT8 fused in ONNX Runtime ({@link TrainedInt8}). Blocking.
     */
    public static TrainReport run(LoadedDesign design, ImageData data, TrainConfig cfg, boolean baseline,
                                  TrainingListener listener, CancelToken cancel, boolean int8) {
        FusionOptions fusion = design.method().fusion(false);
        ImageData cut = TrainingSession.limit(data, cfg); // once: the session and the INT8 step read the same cut
        TrainReport r = TrainingSession.run(label(design), design.graph(), cut, cfg, baseline, listener, cancel,
                fusion);
        if (!int8 || r.collapse() == null || cancel.isCancelled()) {
            return r;
        }
        listener.onNotice("evaluating float unfused, float fused and INT8 fused in ONNX Runtime");
        return r.withInt8(TrainedInt8.evaluate(r.run(), cut, fusion));
    }
}
