/** Fusion rules that rewrite linear regions into one conv, the planner, and the FusionTrace. */
package org.repstudio.core.fusion;
