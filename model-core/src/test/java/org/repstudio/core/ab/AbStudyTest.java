package org.repstudio.core.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.stats.Difference;
import org.repstudio.core.stats.Sample;
import org.repstudio.core.stats.Verdict;
import org.repstudio.core.train.CancelToken;
import org.repstudio.core.train.GeneratedShapes;
import org.repstudio.core.train.HarnessSpec;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.TrainConfig;

/**
 * Real (tiny) trainings: the study keeps every seed, and the same design against itself on other
 * seeds is within the noise. Whether a block beats its plain conv is measured by {@code repstudio ab}, not here.
 */
class AbStudyTest {

    private static final ImageData DATA = GeneratedShapes.generate(7, 160, 96);
    private static final TrainConfig CFG = TrainConfig.defaults().withBatchSize(32).withEpochs(1)
            .withHarness(new HarnessSpec(2, 2, HarnessSpec.Layout.STAGED));

    /** Twenty steps in the flat harness: enough for the seeds to end apart, as they do in a real A/B. */
    private static final ImageData NOISY = GeneratedShapes.generate(8, 640, 192);

    @Test
    void theSameDesignOnDifferentSeedsIsWithinTheNoise() {
        TrainConfig cfg = CFG.withHarness(new HarnessSpec(1, 2));
        Arm arm = new Arm("re-param", Arm.Kind.REPARAM, AblationsTest.sample("repvgg-s1.json"));
        double[] a = new double[2];
        double[] b = new double[2];
        for (int i = 0; i < a.length; i++) {
            a[i] = AbStudy.trainOnce(arm, NOISY, cfg.withSeed(1 + i), AbListener.NONE, new CancelToken()).testAccuracy();
            b[i] = AbStudy.trainOnce(arm, NOISY, cfg.withSeed(11 + i), AbListener.NONE, new CancelToken()).testAccuracy();
        }
        Difference d = Difference.welch(Sample.of(a), Sample.of(b));
        assertEquals(Verdict.WITHIN_NOISE, d.verdict(), "A " + Sample.of(a) + " B " + Sample.of(b));
        assertTrue(Sample.of(a).std() > 0 || Sample.of(b).std() > 0, "different seeds give different runs");
    }

    @Test
    void aStudyKeepsEverySeedOfEveryArmAndComparesTheDesignWithTheOthers() {
        Graph block = AblationsTest.sample("acb-k3.json");
        List<Arm> arms = AbStudy.armsFor(block, false);
        AbReport r = AbStudy.run("acb-k3.json", arms, DATA, CFG.withSeed(5), 2, AbListener.NONE, new CancelToken());
        assertEquals(List.of(5L, 6L), r.seeds());
        assertEquals(List.of("re-param", "plain"), r.arms().stream().map(ArmResult::label).toList());
        for (ArmResult a : r.arms()) {
            assertEquals(List.of(5L, 6L), a.seeds().stream().map(SeedResult::seed).toList());
            assertTrue(a.seeds().stream().allMatch(s -> s.epochAccuracies().size() == 1 && s.secondsPerEpoch() > 0));
            assertTrue(a.seeds().stream().allMatch(s -> s.testAccuracy() >= 0 && s.testAccuracy() <= 1));
        }
        assertEquals(1, r.comparisons().size());
        Comparison c = r.comparisons().get(0);
        assertEquals("re-param", c.a());
        assertEquals(r.arms().get(0).accuracy().mean() - r.arms().get(1).accuracy().mean(),
                c.difference().difference(), 1e-12);
    }

    @Test
    void anAbWhoseTwoArmsAreTheSameDesignSaysWithinTheNoise() {
        Graph block = AblationsTest.sample("repvgg-s1.json");
        List<Arm> twins = List.of(new Arm("re-param", Arm.Kind.REPARAM, block),
                new Arm("re-param again", Arm.Kind.REPARAM, block));
        AbReport r = AbStudy.run("repvgg-s1.json", twins, NOISY, CFG.withSeed(3).withLimits(320, 96), 2,
                AbListener.NONE, new CancelToken());
        assertEquals(320, r.trainImages(), "the study cuts the data to the configured limits");
        assertEquals(96, r.testImages());
        Comparison c = r.comparisons().get(0);
        assertEquals(Verdict.WITHIN_NOISE, c.difference().verdict(), c.sentence());
        assertEquals(0, c.difference().difference(), 0, "the same design on the same seeds trains the same");
        assertTrue(c.sentence().endsWith("within the noise, no difference shown"), c.sentence());
    }
}
