package org.repstudio.app.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
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
 * @param weights       its weights: the sidecar's, or random ones with random BN statistics
 * @param file          the design file, or null when the design was never saved
 * @param weightsSource where the weights came from, e.g. "weights: repvgg.rsw" or "random weights (seed 42)"
 */
public record ChartsDesign(String name, String method, Graph graph, Weights weights, Path file,
                           String weightsSource) {

    /** Seed of random weights when the design has no sidecar (the CLI's default too). */
    public static final long SEED = 42;

    /**
     * The design as the editor holds it. Its weights sidecar is used when it fits the graph; otherwise (none,
     * or the graph was edited since) the weights are random from {@link #SEED}, which is all a latency
     * measurement needs.
     */
    public static ChartsDesign of(DesignFile design, Path file) {
        Optional<Weights> stored = Optional.empty();
        String source = "random weights (seed " + SEED + ")";
        if (file != null && design.weights().isPresent()) {
            try {
                stored = DesignIO.readWeights(file, design);
                source = "weights: " + design.weights().get();
            } catch (IOException | RuntimeException e) {
                source = "random weights (seed " + SEED + "; the sidecar was not used: " + e.getMessage() + ")";
            }
        }
        Graph g = design.graph();
        Weights w;
        try {
            w = stored.orElseGet(() -> RandomWeights.generate(g, SEED));
        } catch (RuntimeException e) {
            // an invalid graph has no parameter shapes; the measurement will name its problems
            w = Weights.empty();
            source = "no weights (" + e.getMessage() + ")";
        }
        return new ChartsDesign(design.name(), design.method(), g, w, file == null ? null : file.toAbsolutePath(),
                source);
    }

    /** Reads {@code file} and its sidecar as {@link #of} does. */
    public static ChartsDesign read(Path file) throws IOException {
        return of(DesignIO.read(file), file);
    }
}
