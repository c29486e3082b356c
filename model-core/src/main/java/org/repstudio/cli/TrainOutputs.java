package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.TrainedRuns;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.train.SaveOutcome;
import org.repstudio.core.train.TrainReport;

/**
 * Where {@code train} puts its results: the design's run folder ({@link TrainedRuns}), checked before training
 * starts; if saving there still fails after training, the results go to a rescue folder and stderr says
 * where, so minutes of training are never dropped.
 */
final class TrainOutputs {

    private TrainOutputs() {
    }

    /** Exit 2 before training when the run folder's files cannot be written or would overwrite an input. */
    static void requireWritable(LoadedDesign d) {
        List<Path> outputs = TrainedRuns.outputs(d.file());
        makeRunFolder(outputs.get(0).getParent(), d.file());
        WritePlan plan = d.readPlan(Optional.empty());
        for (Path out : outputs) {
            plan.writes("train's output", out);
        }
        try {
            CommandFiles.require(plan);
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + " (--no-save trains without writing files)");
        }
    }

    /** A sample's run folder lives in the user's folder and may not exist yet; beside a design it must. */
    private static void makeRunFolder(Path folder, Path design) {
        if (folder.equals(design.toAbsolutePath().getParent()) || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException("cannot create the run folder " + folder + ": " + e.getMessage());
        }
    }

    /** Saves the results and says on stderr when they went to a rescue folder; returns the files written. */
    static List<Path> save(LoadedDesign d, TrainReport report) throws IOException {
        SaveOutcome o = TrainedRuns.save(d, report);
        o.problem().ifPresent(p -> System.err.println("warning: " + p + "; saved the trained results in "
                + o.rescueFolder().orElseThrow() + " instead"));
        return o.files();
    }
}
