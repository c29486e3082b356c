package org.repstudio.core.ab;

import java.util.List;

/**
 * A finished A/B study: the arms with every seed's result, and the comparisons (re-param against plain,
 * then the full block against each ablation). {@code harness} names the harness layout the arms trained in.
 */
public record AbReport(String design, String dataset, int trainImages, int testImages, String harness, int epochs,
                       List<Long> seeds, List<ArmResult> arms, List<Comparison> comparisons, double wallSeconds) {

    public AbReport {
        seeds = List.copyOf(seeds);
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
    }

    /** Whether any run finished (a study cancelled before its first run has none). */
    public boolean hasRuns() {
        return arms.stream().anyMatch(a -> !a.seeds().isEmpty());
    }
}
