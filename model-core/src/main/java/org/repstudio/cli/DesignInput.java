package org.repstudio.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.WritePlan;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * DESIGN.json and the {@code --weights} that may stand in for its own weights, as every command that reads
 * one design takes them (a picocli mixin): the same argument, option and help text, read the same way.
 */
final class DesignInput {

    @Parameters(paramLabel = "DESIGN.json", description = "the design file")
    Path design;

    @Option(names = "--weights", paramLabel = "W", description = "weights sidecar to use instead of the design's")
    Path weights;

    Path path() {
        return design;
    }

    Optional<Path> weightsOverride() {
        return Optional.ofNullable(weights);
    }

    /** The design with its weights: {@code --weights}, else its trained run or sidecar, else random ones. */
    LoadedDesign load(long seed) {
        return Designs.load(design, seed, weightsOverride());
    }

    /** As {@link #load(long)}; with {@code calibrateBn}, random weights get BN statistics from a random batch. */
    LoadedDesign load(long seed, boolean calibrateBn) {
        return Designs.load(design, seed, weightsOverride(), calibrateBn);
    }

    /** The files the command reads, for its {@link WritePlan} to check its outputs against. */
    WritePlan reading(LoadedDesign d) {
        return d.readPlan(weightsOverride());
    }
}
