package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.io.WritePlan;
import org.repstudio.core.train.Provenance;
import org.repstudio.core.train.SaveOutcome;
import org.repstudio.core.train.TrainReport;

/**
 * Where {@code train} puts its results: beside the design, checked before training starts; if saving
 * there still fails after training, {@link Provenance#saveOrRescue} puts them in a rescue folder, and
 * stderr says where, so minutes of training are never dropped.
 */
final class TrainOutputs {

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

    /** Saves the results and says on stderr when they went to a rescue folder; returns the files written. */
    static List<Path> save(Path design, TrainReport report, String appVersion, FusionOptions fusion)
            throws IOException {
        SaveOutcome o = Provenance.saveOrRescue(design, report, appVersion, fusion);
        o.problem().ifPresent(p -> System.err.println("warning: " + p + "; saved the trained results in "
                + o.rescueFolder().orElseThrow() + " instead"));
        return o.files();
    }
}
