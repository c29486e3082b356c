/**
 * A/B studies of a block: the re-param design against the plain conv it collapses into and against its
 * ablations (each branch kind removed in turn), every arm trained on the same seeds for the same epochs in
 * the same harness, compared with {@link org.repstudio.core.stats.Difference}'s Welch interval.
 */
package org.repstudio.core.ab;
