package org.repstudio.core.ab;

import java.util.List;
import org.repstudio.core.stats.Sample;

/** Every seed's result for one arm, with the summaries the A/B table shows. */
public record ArmResult(String label, Arm.Kind kind, List<SeedResult> seeds) {

    public ArmResult {
        seeds = List.copyOf(seeds);
    }

    /** Final test accuracies, one per seed. */
    public Sample accuracy() {
        return Sample.of(seeds.stream().mapToDouble(SeedResult::testAccuracy).toArray());
    }

    /** Seconds per training epoch, one per seed. */
    public Sample secondsPerEpoch() {
        return Sample.of(seeds.stream().mapToDouble(SeedResult::secondsPerEpoch).toArray());
    }

    /** How many seeds were still climbing at the last epoch. */
    public long notConverged() {
        return seeds.stream().filter(s -> !s.converged()).count();
    }
}
