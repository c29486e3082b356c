/**
 * What a design means, decided once for every entry point (the CLI commands, the editor, the collapse
 * player, the charts, the training window, export): a {@link org.repstudio.core.design.LoadedDesign} is the
 * design, its weights and where they came from ({@link org.repstudio.core.design.WeightsSource}: a trained
 * run, the sidecar, an imported file, or random with a seed), and its {@link org.repstudio.core.design.Method}
 * (fusion options and default training mode). Training runs are saved and found again by
 * {@link org.repstudio.core.design.TrainedRuns}, so trained weights flow to collapse and export.
 */
package org.repstudio.core.design;
