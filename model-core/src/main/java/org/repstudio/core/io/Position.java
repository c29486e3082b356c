package org.repstudio.core.io;

/** Where the editor draws a node, in canvas pixels (x to the right, y down). */
public record Position(double x, double y) {
}
