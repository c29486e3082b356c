/**
 * What the editor keeps on disk besides designs, without the toolkit: where its files are
 * ({@link org.repstudio.app.files.AppPaths}: samples, the user's state folder), its settings, the autosave of
 * unsaved work with its clean-exit marker ({@link org.repstudio.app.files.Autosave}) and the recent files list.
 */
package org.repstudio.app.files;
