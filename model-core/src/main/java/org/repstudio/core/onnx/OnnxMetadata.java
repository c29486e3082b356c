package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance stored in an exported model's {@code metadata_props} (ONNX Runtime reads them back through
 * {@code OrtSession.getMetadata().getCustomMetadata()}).
 */
public final class OnnxMetadata {

    public static final String DESIGN_SHA256 = "repstudio.design_sha256";
    public static final String WEIGHTS_SHA256 = "repstudio.weights_sha256";
    public static final String APP_VERSION = "repstudio.app_version";
    /** "unfused" or "fused". */
    public static final String FORM = "repstudio.form";
    /** "true" for a fused export. */
    public static final String FUSED = "repstudio.fused";
    public static final String MAX_ABS_DIFF = "repstudio.check.max_abs_diff";
    public static final String MAX_REL_DIFF = "repstudio.check.max_rel_diff";
    /** How the check ran: engines, input, seed. */
    public static final String CHECK = "repstudio.check";
    /** Regions a fused export left unfused, with reasons; absent when everything fused. */
    public static final String REFUSALS = "repstudio.refusals";

    static final String PRODUCER = "RepStudio";

    private OnnxMetadata() {
    }

    /** The entries for {@code report}, in a stable order. */
    static Map<String, String> of(ExportReport report, String appVersion, int checkBatch, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DESIGN_SHA256, report.designHash());
        m.put(WEIGHTS_SHA256, report.weightsHash());
        m.put(APP_VERSION, appVersion);
        m.put(FORM, report.form().label());
        m.put(FUSED, Boolean.toString(report.form() == OnnxForm.FUSED));
        m.put(MAX_ABS_DIFF, Double.toString(report.maxAbsDiff()));
        m.put(MAX_REL_DIFF, Double.toString(report.maxRelDiff()));
        m.put(CHECK, "ONNX Runtime " + report.ortVersion() + " vs DJL float32, standard-normal input batch "
                + checkBatch + ", seed " + seed + ", tolerance " + report.tolerance());
        if (!report.refusals().isEmpty()) {
            m.put(REFUSALS, String.join("\n", report.refusals()));
        }
        return m;
    }

    /** {@code model} with producer fields and the given entries added. */
    static ModelProto stamp(ModelProto model, String appVersion, Map<String, String> entries) {
        ModelProto.Builder b = model.toBuilder().setProducerName(PRODUCER).setProducerVersion(appVersion);
        entries.forEach((k, v) -> b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }
}
