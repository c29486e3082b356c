package org.repstudio.core.graph;

/** A wire from the single output of {@code from} to input port {@code port} of {@code to}. */
public record Edge(String from, String to, int port) {
}
