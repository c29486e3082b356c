package org.repstudio.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a training session's results went ({@link Provenance#saveOrRescue}): the files written, and when
 * saving beside the design failed, why and the folder they were rescued into instead.
 */
public record SaveOutcome(List<Path> files, Optional<String> problem, Optional<Path> rescueFolder) {

    public SaveOutcome {
        files = List.copyOf(files);
    }

    static SaveOutcome beside(List<Path> files) {
        return new SaveOutcome(files, Optional.empty(), Optional.empty());
    }
}
