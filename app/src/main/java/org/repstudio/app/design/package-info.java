/**
 * Where the editor gets designs from: {@link org.repstudio.app.design.DesignSource} hides the design
 * file reader, so the window can be written and tested against a graph and its node positions alone.
 */
package org.repstudio.app.design;
