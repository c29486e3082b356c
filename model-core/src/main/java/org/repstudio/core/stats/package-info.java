/**
 * Statistics for comparing training runs across seeds: a sample's mean and spread ({@link Sample}), the
 * Welch 95% interval of the difference of two means ({@link Difference}) and what it says ({@link Verdict}).
 */
package org.repstudio.core.stats;
