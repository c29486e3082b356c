package org.repstudio.core.fusion;

import java.util.List;

/**
 * A maximal linear region: every node in {@code nodes} (topological order) depends only on the tensor
 * produced by {@code entry} through conv-like ops; {@code exit} is the one node read from outside.
 */
public record Region(String entry, List<String> nodes, String exit) {
}
