/**
 * Before/after charts of the Collapse feature: latency of the unfused, fused and plain-conv forms on DJL
 * and ONNX Runtime ({@link org.repstudio.app.charts.LatencyChartViewModel}, measured on this machine on a
 * background thread) and the accuracy of the latest training run beside the design
 * ({@link org.repstudio.app.charts.AccuracyChartViewModel}). The view models hold no scene nodes and are
 * tested without the toolkit; the views draw JFreeChart charts in JavaFX
 * ({@link org.repstudio.app.charts.ChartsPanel}, {@link org.repstudio.app.charts.ChartsWindow}).
 */
package org.repstudio.app.charts;
