/**
 * How ops read on screen: {@link org.repstudio.app.diagram.OpLabels} gives each op a one-line summary
 * and the colour category its node box gets.
 */
package org.repstudio.app.diagram;
