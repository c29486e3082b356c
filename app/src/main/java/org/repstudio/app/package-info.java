/**
 * Entry points: {@link org.repstudio.app.Main} dispatches between the desktop editor and the headless
 * CLI; {@link org.repstudio.app.RepStudioApp} is the JavaFX application.
 */
package org.repstudio.app;
