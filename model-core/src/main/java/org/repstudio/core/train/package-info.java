/**
 * Training on DJL: datasets (a built-in generated one, MNIST / Fashion-MNIST IDX files, CIFAR-10 binaries,
 * image folders), the harness network built around a block design, the seeded training loop with progress
 * listeners and cancellation, and what comes after a run: fused vs unfused evaluation, latency, weights and
 * provenance saved beside the design. No JavaFX here: a UI drives {@link org.repstudio.core.train.TrainingSession}
 * from a worker thread and listens through {@link org.repstudio.core.train.TrainingListener}.
 */
package org.repstudio.core.train;
