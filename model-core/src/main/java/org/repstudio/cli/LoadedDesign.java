package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.engine.BnCalibration;
import org.repstudio.core.fusion.InvalidDesignException;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * A design read for a command: the file, its weights (the sidecar, or random ones from the seed with
 * non-trivial BN statistics), and whether the weights are random. Invalid input becomes a
 * {@link BadInputException} whose message is meant for the user.
 */
record LoadedDesign(Path path, DesignFile design, Weights weights, boolean randomWeights) {

    static LoadedDesign load(Path path, long seed, Optional<Path> weightsOverride) {
        return load(path, seed, weightsOverride, false);
    }

    /** With {@code calibrateBn}, random weights get BN statistics measured on a random batch. */
    static LoadedDesign load(Path path, long seed, Optional<Path> weightsOverride, boolean calibrateBn) {
        try {
            if (!Files.exists(path)) {
                throw new BadInputException(path + ": no such file");
            }
            DesignFile design = DesignIO.read(path);
            List<Problem> problems = Validator.validate(design.graph());
            if (!problems.isEmpty()) {
                throw new BadInputException(new InvalidDesignException(problems).getMessage()
                        .replace("invalid design:", path.getFileName() + ": invalid design:"));
            }
            Optional<Weights> stored;
            if (weightsOverride.isPresent()) {
                DesignFile withSidecar = new DesignFile(design.name(), design.description(), design.method(),
                        design.graph(), design.positions(), Optional.of(weightsOverride.get().toAbsolutePath().toString()),
                        design.expect());
                stored = DesignIO.readWeights(path, withSidecar);
            } else {
                stored = DesignIO.readWeights(path, design);
            }
            return stored.map(w -> new LoadedDesign(path, design, w, false))
                    .orElseGet(() -> new LoadedDesign(path, design, randomWeights(design, seed, calibrateBn), true));
        } catch (NoSuchFileException e) {
            throw new BadInputException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * Random weights with randomized BN statistics; calibrated, the statistics are those a random batch
     * really produces (as after training), which keeps deep networks' activations of order one.
     */
    static Weights randomWeights(DesignFile design, long seed, boolean calibrateBn) {
        Weights w = RandomWeights.generate(design.graph(), seed);
        return calibrateBn ? BnCalibration.calibrate(design.graph(), w, seed, 4) : w;
    }

    /** Bad input for exit code 2, with a message for the user. */
    static final class BadInputException extends RuntimeException {
        BadInputException(String message) {
            super(message);
        }
    }
}
