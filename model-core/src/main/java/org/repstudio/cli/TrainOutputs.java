package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.train.Provenance;

/**
 * Where {@code train} puts its results: beside the design, checked before training starts; if saving
 * there still fails after training (the folder became read-only, the disk filled), into a new folder
 * under the system's temporary folder, said on stderr, so minutes of training are never dropped.
 */
final class TrainOutputs {

    /** Saves the results into a folder and returns the files written. */
    @FunctionalInterface
    interface Saver {
        List<Path> saveInto(Path folder) throws IOException;
    }

    private TrainOutputs() {
    }

    /** Exit 2 before training when the files beside the design cannot be written or would overwrite an input. */
    static void requireWritable(LoadedDesign d) {
        WritePlan plan = CommandFiles.reading(d, Optional.empty());
        for (Path out : Provenance.outputs(d.path())) {
            plan.writes("train's output", out);
        }
        try {
            CommandFiles.require(plan);
        } catch (LoadedDesign.BadInputException e) {
            throw new LoadedDesign.BadInputException(e.getMessage() + " (--no-save trains without writing files)");
        }
    }

    /** Saves beside the design; when that fails, into a fresh temporary folder, and says where. */
    static List<Path> saveOrRescue(Path design, Saver saver) throws IOException {
        Path beside = design.toAbsolutePath().getParent();
        try {
            return saver.saveInto(beside);
        } catch (IOException e) {
            Path rescue = Files.createTempDirectory("repstudio-train-");
            System.err.println("warning: could not save the results in " + beside + " (" + e + "); saving them in "
                    + rescue + " instead");
            List<Path> saved = saver.saveInto(rescue);
            System.err.println("saved the trained results in " + rescue);
            return saved;
        }
    }
}
