package org.repstudio.core.ab;

import org.repstudio.core.stats.Difference;

/** Arm {@code a} against arm {@code b}: the Welch interval of mean accuracy(a) - mean accuracy(b). */
public record Comparison(String a, String b, Difference difference) {
}
