package org.repstudio.core.design;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.repstudio.core.engine.BnCalibration;
import org.repstudio.core.fusion.InvalidDesignException;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;
import org.repstudio.core.io.WritePlan;

/**
 * A design as every action starts from it: the design file's content, the weights to run it with and where
 * they came from. The weights are, first found first: a file the user named, the block's weights of the
 * design's latest training run ({@link TrainedRuns}), the design's sidecar, else random ones from a seed
 * ({@link #DEFAULT_SEED} unless the user gave another).
 *
 * @param file    the design file, or null for a design never saved
 * @param design  the design (graph, method, training mode, positions)
 * @param weights parameters for every node of the graph that has some
 * @param source  where {@code weights} came from
 */
public record LoadedDesign(Path file, DesignFile design, Weights weights, WeightsSource source) {

    /** The seed of random weights when none is given: the CLI's --seed default and the app's. */
    public static final long DEFAULT_SEED = RandomWeights.DEFAULT_SEED;

    public LoadedDesign {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(source, "source");
        file = file == null ? null : file.toAbsolutePath();
    }

    public Graph graph() {
        return design.graph();
    }

    public Method method() {
        return Method.of(design);
    }

    /**
     * Reads a design file for a command: it must exist and be valid, and stored weights must fit it.
     *
     * @param seed        seed of random weights when none are stored
     * @param weights     a weights file to use instead of the stored ones (--weights)
     * @param calibrateBn random weights get the BN statistics a random batch produces (as after training)
     * @throws DesignLoadException naming the file and what is wrong with it
     */
    public static LoadedDesign read(Path file, long seed, Optional<Path> weights, boolean calibrateBn)
            throws DesignLoadException {
        try {
            if (!Files.exists(file)) {
                throw new DesignLoadException(file + ": no such file");
            }
            DesignFile design = DesignIO.read(file);
            List<Problem> problems = Validator.validate(design.graph());
            if (!problems.isEmpty()) {
                throw new DesignLoadException(new InvalidDesignException(problems).getMessage()
                        .replace("invalid design:", file.getFileName() + ": invalid design:"));
            }
            if (weights.isPresent()) {
                return new LoadedDesign(file, design, readFitting(weights.get(), design.graph(), file),
                        new WeightsSource.Imported(weights.get()));
            }
            Optional<LoadedDesign> stored = stored(file, design);
            return stored.isPresent() ? stored.get() : random(file, design, seed, calibrateBn, "");
        } catch (NoSuchFileException e) {
            throw new DesignLoadException(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new DesignLoadException(e.getMessage());
        }
    }

    /**
     * The design as the editor holds it (maybe edited since it was saved, maybe never saved): stored weights
     * are used when they fit the graph, otherwise random ones from {@code seed}, the source saying why. An
     * invalid graph, which has no parameter shapes, gets no weights.
     */
    public static LoadedDesign of(DesignFile design, Path file, long seed) {
        if (!Validator.validate(design.graph()).isEmpty()) {
            return new LoadedDesign(file, design, Weights.empty(),
                    new WeightsSource.Random(seed, false, "the design is not valid yet"));
        }
        String note = "";
        if (file != null) {
            try {
                Optional<LoadedDesign> stored = stored(file, design);
                if (stored.isPresent()) {
                    return stored.get();
                }
            } catch (IOException | RuntimeException e) {
                note = "the stored weights were not used: " + e.getMessage();
            }
        }
        return random(file, design, seed, false, note);
    }

    /** The weights kept for {@code design}: its latest training run's block if it trained this graph, else its sidecar. */
    private static Optional<LoadedDesign> stored(Path file, DesignFile design) throws IOException {
        Optional<TrainedRuns.Found> trained = TrainedRuns.latest(file, design.graph());
        if (trained.isPresent()) {
            return Optional.of(new LoadedDesign(file, design, trained.get().weights(), trained.get().source()));
        }
        return DesignIO.readWeights(file, design)
                .map(w -> new LoadedDesign(file, design, w, new WeightsSource.Sidecar(sidecar(file, design))));
    }

    /**
     * The files this design reads, as a plan a command or window adds its outputs to: the design, the trained
     * block's weights when a training run supplies them, {@code weightsOverride} (a command's --weights), and
     * the sidecar the design names (kept safe even when another file replaces it: it is the user's).
     */
    public WritePlan readPlan(Optional<Path> weightsOverride) {
        WritePlan plan = new WritePlan().reads("the design", file);
        if (source instanceof WeightsSource.TrainedRun run) {
            plan.reads("the trained block's weights", run.file());
        }
        weightsOverride.ifPresent(w -> plan.reads("the --weights file", w));
        return plan.reads("the design's weights sidecar", DesignIO.sidecar(file, design));
    }

    /** The same design with other weights (an import, a training run just finished). */
    public LoadedDesign withWeights(Weights w, WeightsSource s) {
        return new LoadedDesign(file, design, w, s);
    }

    private static LoadedDesign random(Path file, DesignFile design, long seed, boolean calibrateBn, String note) {
        Weights w = RandomWeights.generate(design.graph(), seed);
        if (calibrateBn) {
            w = BnCalibration.calibrate(design.graph(), w, seed, 4);
        }
        return new LoadedDesign(file, design, w, new WeightsSource.Random(seed, calibrateBn, note));
    }

    private static Weights readFitting(Path weightsFile, Graph graph, Path designFile) throws IOException,
            DesignLoadException {
        Weights w = WeightsIO.read(weightsFile);
        List<Problem> problems = WeightsCheck.problems(graph, w);
        if (!problems.isEmpty()) {
            throw new DesignLoadException(weightsFile.getFileName() + " does not fit " + designFile.getFileName()
                    + ": " + WeightsIO.summarize(problems));
        }
        return w;
    }

    private static Path sidecar(Path file, DesignFile design) {
        return file.toAbsolutePath().resolveSibling(design.weights().orElseThrow());
    }
}
