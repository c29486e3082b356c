package org.repstudio.core.io;

/** Where the editor draws a node: the top-left corner of its box, in canvas pixels. */
public record Position(double x, double y) {
}
