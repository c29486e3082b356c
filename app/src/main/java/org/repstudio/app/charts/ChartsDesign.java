package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * The design the charts are about: its graph, the weights to time it with, the file it lives in (where the
 * training results are looked up; null for a design never saved) and a line saying where the weights came
 * from.
 *
 * @param name          the design's name, for titles
 * @param method        the design's method (RepVGG, RMNet, ResRep...), which picks the fusion options
 * @param graph         the train-time graph
 * @param weights       its weights, as {@link LoadedDesign} finds them
 * @param file          the design file, or null when the design was never saved
 * @param weightsSource where the weights came from, e.g. "weights: sidecar repvgg.rsw"
 */
public record ChartsDesign(String name, String method, Graph graph, Weights weights, Path file,
                           String weightsSource) {

    /** The design as the editor holds it, its weights found as every entry point finds them. */
    public static ChartsDesign of(DesignFile design, Path file) {
        return of(LoadedDesign.of(design, file, LoadedDesign.DEFAULT_SEED));
    }

    public static ChartsDesign of(LoadedDesign d) {
        return new ChartsDesign(d.design().name(), d.design().method(), d.graph(), d.weights(), d.file(),
                "weights: " + d.source().describe());
    }

    /** Reads {@code file} and finds its weights as {@link #of} does. */
    public static ChartsDesign read(Path file) throws IOException {
        return of(DesignIO.read(file), file);
    }
}
