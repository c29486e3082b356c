/** The versioned JSON design file, the weights sidecar, and the bundled samples. */
package org.repstudio.core.io;
