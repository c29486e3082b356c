package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.fusion.Region;

/**
 * The fusion trace as JSON for scripts and teaching material: regions, steps (rule, nodes, formula,
 * error, tensors before and after) and refusals. Tensors up to {@link #MAX_VALUES} values are written
 * in full, larger ones as shape and summary statistics.
 */
final class TraceJson {

    static final int MAX_VALUES = 4096;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceJson() {
    }

    static ObjectNode of(FusionTrace trace) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("exact", trace.exact());
        root.put("fuseMillis", trace.millis());
        ArrayNode regions = root.putArray("regions");
        for (Region r : trace.regions()) {
            ObjectNode o = regions.addObject();
            o.put("entry", r.entry());
            o.put("exit", r.exit());
            r.nodes().forEach(o.putArray("nodes")::add);
        }
        ArrayNode steps = root.putArray("steps");
        for (FusionStep s : trace.steps()) {
            ObjectNode o = steps.addObject();
            o.put("index", s.index());
            o.put("rule", s.rule().name());
            o.put("ruleName", s.rule().displayName());
            o.put("region", s.region());
            s.nodesIn().forEach(o.putArray("nodesIn")::add);
            o.put("nodeOut", s.nodeOut());
            o.put("formula", s.formula());
            o.put("maxAbsError", s.maxAbsError());
            o.put("maxRelError", s.maxRelError());
            ObjectNode before = o.putObject("before");
            s.tensorsBefore().forEach((node, params) -> tensors(before.putObject(node), params));
            tensors(o.putObject("after"), s.tensorsAfter());
        }
        refusals(root.putArray("refusals"), trace);
        return root;
    }

    static void refusals(ArrayNode array, FusionTrace trace) {
        for (Refusal r : trace.refusals()) {
            ObjectNode o = array.addObject();
            o.put("region", r.region());
            r.nodes().forEach(o.putArray("nodes")::add);
            r.blamed().forEach(o.putArray("blamed")::add);
            o.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("reason", r.reason());
            r.remedy().ifPresent(m -> o.put("remedy", m.name().toLowerCase(java.util.Locale.ROOT)));
            if (r.measured()) {
                o.put("maxBorderError", r.maxBorderError());
                o.put("maxInteriorError", r.maxInteriorError());
            }
        }
    }

    private static void tensors(ObjectNode into, Map<String, Tensor> params) {
        params.forEach((name, t) -> {
            ObjectNode o = into.putObject(name);
            ArrayNode shape = o.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            if (t.size() <= MAX_VALUES) {
                ArrayNode values = o.putArray("values");
                for (double v : t.data()) {
                    values.add(v);
                }
            } else {
                o.put("maxAbs", t.maxAbs());
            }
        });
    }
}
