package org.repstudio.core.pytorch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

/**
 * The branches summed by one {@code add} node: each branch is the chain of single-input nodes from the
 * shared source (exclusive) to the add (exclusive), in forward order. RepVGG's identity BN is a chain of
 * one node; DBB's avg branch is conv, BN, pad, pool, BN.
 */
record Branches(String add, String source, List<List<String>> chains) {

    /** The add's branches, or null when they do not start from one shared node. */
    static Branches of(Graph graph, String addId) {
        List<List<String>> chains = new ArrayList<>();
        String source = null;
        for (String input : graph.inputsOf(addId)) {
            List<String> chain = new ArrayList<>();
            String at = input;
            while (graph.consumersOf(at).size() == 1 && graph.inputsOf(at).size() == 1
                    && !(graph.node(at).op() instanceof Op.Input)) {
                chain.add(at);
                at = graph.inputsOf(at).get(0);
            }
            if (source != null && !source.equals(at)) {
                return null;
            }
            source = at;
            Collections.reverse(chain);
            chains.add(chain);
        }
        return new Branches(addId, source, chains);
    }

    /** The ops of a chain, e.g. [conv, batchnorm]. */
    static List<Op> ops(Graph graph, List<String> chain) {
        return chain.stream().map(id -> graph.node(id).op()).toList();
    }
}
