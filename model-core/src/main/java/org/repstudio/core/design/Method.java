package org.repstudio.core.design;

import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.io.DesignFile;

/**
 * What a design's method asks of every action: the fusion rewrites (RMNet removes residuals, ResRep prunes
 * empty compactor rows) and the default training mode (OREPA online or offline).
 *
 * @param name           the design file's method, e.g. "RepVGG"; may be empty
 * @param onlineTraining the design file's {@code "training": "online"}
 */
public record Method(String name, boolean onlineTraining) {

    public static Method of(DesignFile design) {
        return new Method(design.method(), design.onlineTraining());
    }

    /** The fusion options of this method; {@code measureSteps} checks each step in float64 (the collapse view). */
    public FusionOptions fusion(boolean measureSteps) {
        return FusionOptions.forMethod(name, measureSteps);
    }
}
