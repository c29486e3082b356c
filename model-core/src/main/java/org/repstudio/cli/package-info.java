/** The headless command line (picocli): fuse, verify, samples. */
package org.repstudio.cli;
