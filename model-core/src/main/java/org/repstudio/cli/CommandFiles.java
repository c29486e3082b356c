package org.repstudio.cli;

import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.UnsafeOutputException;
import org.repstudio.core.io.WritePlan;

/** A command's {@link WritePlan} check as exit 2 (the plan starts from {@link LoadedDesign#readPlan}). */
final class CommandFiles {

    private CommandFiles() {
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
