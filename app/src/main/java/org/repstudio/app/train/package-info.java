/**
 * Training from the editor: {@link org.repstudio.app.train.TrainingViewModel} (dataset, device, engine and
 * hyper-parameter choices, a run on a worker thread, live loss/accuracy series per run, results and the plain
 * A/B comparison; no JavaFX nodes) and {@link org.repstudio.app.train.TrainingWindow}, the window that shows
 * it with JFreeChart charts. Worker callbacks reach the view model through the executor the window gives
 * it ({@code Platform::runLater}).
 */
package org.repstudio.app.train;
