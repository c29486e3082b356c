package org.repstudio.core.fusion;

import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;

/** What a rewrite pass beyond the linear regions gives: the new design and how many rewrites it made. */
record RewriteResult(Graph graph, Weights weights, int count) {
}
