/** DJL: compile a graph to a DJL block, run it, read and write parameters, compare graphs. */
package org.repstudio.core.engine;
