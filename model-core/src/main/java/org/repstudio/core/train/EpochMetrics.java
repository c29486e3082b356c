package org.repstudio.core.train;

/**
 * One finished epoch: mean training loss and accuracy over its batches, accuracy on the test split
 * (inference mode, running BN statistics) and the wall-clock seconds the epoch's training took.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                           double seconds) {
}
