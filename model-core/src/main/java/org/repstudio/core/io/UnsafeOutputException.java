package org.repstudio.core.io;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Outputs a command must not write ({@link WritePlan#require()}); thrown before any work starts. */
public final class UnsafeOutputException extends IOException {

    private final transient List<PathProblem> problems;

    public UnsafeOutputException(List<PathProblem> problems) {
        super(problems.stream().map(PathProblem::message).collect(Collectors.joining("; ")) + "; nothing written");
        this.problems = List.copyOf(problems);
    }

    public List<PathProblem> problems() {
        return problems;
    }
}
