/**
 * The main window: menu bar, diagram area and status bar ({@link org.repstudio.app.shell.MainWindow}),
 * its state ({@link org.repstudio.app.shell.MainViewModel}, no scene nodes, testable without the
 * toolkit) and the inspector. It wires the feature packages together; they do not depend on it.
 */
package org.repstudio.app.shell;
