package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runs of a session, kept in the order they finished so charts can overlay and compare them.
 * Thread-safe: a worker adds while the UI reads.
 */
public final class RunHistory {

    private final List<TrainingRun> runs = new ArrayList<>();

    public synchronized void add(TrainingRun run) {
        runs.add(run);
    }

    /** A snapshot of all runs, oldest first. */
    public synchronized List<TrainingRun> all() {
        return List.copyOf(runs);
    }

    /** The run with the highest final test accuracy, if any run finished an epoch. */
    public synchronized Optional<TrainingRun> best() {
        return runs.stream().filter(r -> !r.epochs().isEmpty())
                .max((a, b) -> Double.compare(a.lastTestAccuracy(), b.lastTestAccuracy()));
    }

    public synchronized void clear() {
        runs.clear();
    }
}
