package org.repstudio.core.fusion;

import java.util.List;
import org.repstudio.core.graph.Problem;

/** A design that cannot be fused because it is not valid; lists the located problems. */
public final class InvalidDesignException extends IllegalArgumentException {

    private final transient List<Problem> problems;

    public InvalidDesignException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("invalid design:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
