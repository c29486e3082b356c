/**
 * DJL: compile a graph to a DJL block ({@link org.repstudio.core.engine.GraphBlock}), run it
 * ({@link org.repstudio.core.engine.GraphRunner}), read and write parameters, compare two graphs
 * ({@link org.repstudio.core.engine.Equivalence}), pick a device and measure latency. Only the NDArray API
 * and the static ops of {@code ai.djl.nn} are used, so the PyTorch and MXNet engines both work; every entry
 * class sets {@code ai.djl.offline=true} unless the property is already set.
 */
package org.repstudio.core.engine;
