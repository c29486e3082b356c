/**
 * The main window: menu bar, diagram area and status bar ({@link org.repstudio.app.shell.MainWindow}),
 * its state ({@link org.repstudio.app.shell.MainViewModel}, no scene nodes, testable without the
 * toolkit), where the app's files are ({@link org.repstudio.app.shell.AppPaths}), the user's settings
 * ({@link org.repstudio.app.shell.AppSettings}) and the CSS themes.
 */
package org.repstudio.app.shell;
