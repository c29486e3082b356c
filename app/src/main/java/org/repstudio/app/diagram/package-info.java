/**
 * The read-only diagram of a design: {@link org.repstudio.app.diagram.DiagramLayout} works out the
 * geometry of node boxes and wires without the toolkit, {@link org.repstudio.app.diagram.DiagramView}
 * turns it into scene nodes styled by the theme.
 */
package org.repstudio.app.diagram;
