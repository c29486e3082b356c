package org.repstudio.core.ab;

import java.util.Locale;
import org.repstudio.core.stats.Difference;
import org.repstudio.core.stats.Verdict;

/** Arm {@code a} against arm {@code b}: the Welch interval of mean accuracy(a) - mean accuracy(b). */
public record Comparison(String a, String b, Difference difference) {

    /**
     * The comparison in words for a person, from the typed verdict: the difference in points of accuracy, its
     * 95% interval and what it says, e.g. {@code re-param - plain: +1.20 points, 95% interval [-0.50, +2.90]:
     * within the noise, no difference shown}.
     */
    public String sentence() {
        Difference d = difference;
        String head = String.format(Locale.ROOT, "%s - %s: %+.2f points", a, b, 100 * d.difference());
        return d.verdict() == Verdict.TOO_FEW_SEEDS ? head + " (" + verdictWords() + ")"
                : head + String.format(Locale.ROOT, ", 95%% interval [%+.2f, %+.2f]: %s", 100 * d.low(),
                        100 * d.high(), verdictWords());
    }

    /** What the verdict says, in words: {@code within the noise, no difference shown}, {@code plain is better}... */
    public String verdictWords() {
        return switch (difference.verdict()) {
            case TOO_FEW_SEEDS -> "one seed: no interval";
            case WITHIN_NOISE -> "within the noise, no difference shown";
            case A_BETTER -> a + " is better";
            case B_BETTER -> b + " is better";
        };
    }
}
