package org.repstudio.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Mean, spread and the Welch interval against values worked out by hand. */
class DifferenceTest {

    @Test
    void meanAndSampleStdUseNMinusOne() {
        Sample s = Sample.of(1, 2, 3, 4, 5);
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(2.5, s.variance(), 1e-12); // (4 + 1 + 0 + 1 + 4) / 4
        assertEquals(Math.sqrt(2.5), s.std(), 1e-12);
        assertTrue(Double.isNaN(Sample.of(7).std()), "one value has no spread");
    }

    @Test
    void equalSpreadsGiveTwoNMinusTwoDegreesAndTheTableQuantile() {
        // A = {1,2,3}, B = {4,5,6}: variances 1 and 1, se = sqrt(1/3 + 1/3), df = (2/3)^2 / (2 * (1/3)^2 / 2) = 4,
        // t(0.975, 4) = 2.776445, so -3 +- 2.776445 * 0.816497
        Difference d = Difference.welch(Sample.of(1, 2, 3), Sample.of(4, 5, 6));
        assertEquals(-3.0, d.difference(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), d.standardError(), 1e-12);
        assertEquals(4.0, d.degreesOfFreedom(), 1e-12);
        assertEquals(-3 - 2.776445 * Math.sqrt(2.0 / 3), d.low(), 1e-5);
        assertEquals(-3 + 2.776445 * Math.sqrt(2.0 / 3), d.high(), 1e-5);
        assertEquals(Verdict.B_BETTER, d.verdict());
    }

    @Test
    void unequalSpreadsUseWelchSatterthwaite() {
        // A = {1..5}: mean 3, s² 2.5; B = {2,4,6}: mean 4, s² 4. va = 0.5, vb = 4/3,
        // df = (0.5 + 4/3)^2 / (0.25/4 + (16/9)/2) = 3.361111 / 0.951389 = 3.532847
        Difference d = Difference.welch(Sample.of(1, 2, 3, 4, 5), Sample.of(2, 4, 6));
        assertEquals(3.532847, d.degreesOfFreedom(), 1e-6);
        assertEquals(Math.sqrt(0.5 + 4.0 / 3), d.standardError(), 1e-12);
        // the quantile lies between the table's t(0.975, 3) = 3.182446 and t(0.975, 4) = 2.776445
        double t = (d.high() - d.difference()) / d.standardError();
        assertTrue(t < 3.182446 && t > 2.776445, "t = " + t);
        assertEquals(Verdict.WITHIN_NOISE, d.verdict());
    }

    @Test
    void largeDegreesApproachTheNormalQuantile() {
        double[] a = new double[2000];
        double[] b = new double[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 2;
            b[i] = i % 2;
        }
        Difference d = Difference.welch(Sample.of(a), Sample.of(b));
        assertEquals(1.96, d.high() / d.standardError(), 2e-3);
    }

    @Test
    void theSameArmTwiceIsWithinTheNoise() {
        Sample accuracies = Sample.of(0.91, 0.93, 0.92, 0.90, 0.94);
        Difference d = Difference.welch(accuracies, accuracies);
        assertEquals(0.0, d.difference(), 1e-15);
        assertEquals(Verdict.WITHIN_NOISE, d.verdict());
        assertTrue(d.low() < 0 && d.high() > 0);
    }

    @Test
    void oneSeedGivesNoInterval() {
        Difference d = Difference.welch(Sample.of(0.9), Sample.of(0.8, 0.7));
        assertEquals(Verdict.TOO_FEW_SEEDS, d.verdict());
        assertTrue(Double.isNaN(d.low()));
    }

    @Test
    void constantArmsGiveAnExactDifference() {
        Difference d = Difference.welch(Sample.of(0.5, 0.5), Sample.of(0.4, 0.4));
        assertEquals(Verdict.A_BETTER, d.verdict());
        assertEquals(0.1, d.low(), 1e-12);
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sample.of(0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sample.of());
    }
}
