package org.repstudio.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.DesignLoadException;
import org.repstudio.core.design.LoadedDesign;

/** The commands' way to read DESIGN.json: {@link LoadedDesign#read}, a failure as exit code 2. */
final class Designs {

    private Designs() {
    }

    static LoadedDesign load(Path path, long seed, Optional<Path> weightsOverride) {
        return load(path, seed, weightsOverride, false);
    }

    /** With {@code calibrateBn}, random weights get BN statistics measured on a random batch. */
    static LoadedDesign load(Path path, long seed, Optional<Path> weightsOverride, boolean calibrateBn) {
        try {
            return LoadedDesign.read(path, seed, weightsOverride, calibrateBn);
        } catch (DesignLoadException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The line on stderr that says which weights a command runs on. */
    static void sayWeights(LoadedDesign d) {
        System.err.println("weights: " + d.source().describe());
    }
}
