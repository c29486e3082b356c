package org.repstudio.core.ab;

import org.repstudio.core.graph.Graph;

/** One side of an A/B: a block design ({@code design}) trained in the harness under {@code label}. */
public record Arm(String label, Kind kind, Graph design) {

    /** Where the arm comes from. */
    public enum Kind {
        /** The design as drawn, every branch trained. */
        REPARAM,
        /** The design's collapsed shape trained from scratch (BN after each conv): the same deployed net. */
        PLAIN,
        /** The design with one branch kind removed. */
        ABLATION
    }
}
