package org.repstudio.core.ab;

import java.util.List;
import java.util.Optional;
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

    /** INT8 fused test accuracies of the seeds where it was measured ({@code ab --int8}); empty when none was. */
    public Optional<Sample> int8Accuracy() {
        double[] v = seeds.stream().mapToDouble(SeedResult::int8Accuracy).filter(Double::isFinite).toArray();
        return v.length == 0 ? Optional.empty() : Optional.of(Sample.of(v));
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
