/** The headless command line (picocli): fuse, verify, samples, export, bench. */
package org.repstudio.cli;
