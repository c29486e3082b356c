package org.repstudio.core.onnx;

/** Which graph an export writes. */
public enum OnnxForm {
    /** The train-time graph in inference form: every conv, BN, pool, pad, sum and concat as drawn. */
    UNFUSED("unfused"),
    /** Every fusable region collapsed into one Conv; only convs, activations and the head remain. */
    FUSED("fused");

    private final String label;

    OnnxForm(String label) {
        this.label = label;
    }

    /** Lower-case name used in reports, metadata and JSON. */
    public String label() {
        return label;
    }
}
