package org.repstudio.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.WeightsSource;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.UnsafeOutputException;
import org.repstudio.core.io.WritePlan;

/** The files a command reads, as a {@link WritePlan} its outputs are added to, and the check as exit 2. */
final class CommandFiles {

    private CommandFiles() {
    }

    /**
     * The design and the weights the command reads or that belong to the design: {@code --weights}, the sidecar
     * the design names (kept safe even when {@code --weights} replaces it: it is the user's), and the trained
     * block's weights when a training run supplies them.
     */
    static WritePlan reading(LoadedDesign d, Optional<Path> weightsOverride) {
        WritePlan plan = new WritePlan().reads("the design", d.file());
        if (d.source() instanceof WeightsSource.TrainedRun run) {
            plan.reads("the trained block's weights", run.file());
        }
        weightsOverride.ifPresent(w -> plan.reads("the --weights file", w));
        return plan.reads("the design's weights sidecar", DesignIO.sidecar(d.file(), d.design()));
    }

    /** Refuses, as bad input (exit 2), a plan with any output that may not be written. */
    static void require(WritePlan plan) {
        try {
            plan.require();
        } catch (UnsafeOutputException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
