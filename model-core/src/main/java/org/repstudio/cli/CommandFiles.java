package org.repstudio.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.UnsafeOutputException;
import org.repstudio.core.io.WritePlan;

/** The files a command reads, as a {@link WritePlan} its outputs are added to, and the check as exit 2. */
final class CommandFiles {

    private CommandFiles() {
    }

    /** The files the design reads ({@link LoadedDesign#readPlan}), {@code --weights} among them. */
    static WritePlan reading(LoadedDesign d, Optional<Path> weightsOverride) {
        return d.readPlan(weightsOverride);
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
