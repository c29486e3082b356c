/**
 * What every window of the app shares, below the feature packages: the {@link org.repstudio.app.fx.Theme},
 * pictures of a scene ({@link org.repstudio.app.fx.SceneSnapshot}) and icon-only tool buttons.
 */
package org.repstudio.app.fx;
