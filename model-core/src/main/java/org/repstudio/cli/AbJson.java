package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.ArmResult;
import org.repstudio.core.ab.Comparison;
import org.repstudio.core.ab.SeedResult;
import org.repstudio.core.stats.Difference;

/** An A/B report as JSON: what {@code ab --json} prints and the provenance file keeps (every seed's result). */
final class AbJson {

    private AbJson() {
    }

    static ObjectNode of(AbReport r, String configuration) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("design", r.design());
        o.put("dataset", r.dataset());
        o.put("trainImages", r.trainImages());
        o.put("testImages", r.testImages());
        o.put("harness", r.harness());
        o.put("epochs", r.epochs());
        o.put("configuration", configuration);
        r.seeds().forEach(o.putArray("seeds")::add);
        o.put("wallSeconds", r.wallSeconds());
        ArrayNode arms = o.putArray("arms");
        for (ArmResult a : r.arms()) {
            ObjectNode arm = arms.addObject();
            arm.put("label", a.label());
            arm.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
            arm.put("meanAccuracy", a.accuracy().mean());
            putFinite(arm, "stdAccuracy", a.accuracy().std());
            arm.put("meanSecondsPerEpoch", a.secondsPerEpoch().mean());
            arm.put("notConverged", a.notConverged());
            ArrayNode seeds = arm.putArray("runs");
            for (SeedResult s : a.seeds()) {
                ObjectNode run = seeds.addObject();
                run.put("seed", s.seed());
                run.put("status", s.status().name().toLowerCase(Locale.ROOT));
                run.put("testAccuracy", s.testAccuracy());
                s.epochAccuracies().forEach(run.putArray("epochTestAccuracy")::add);
                run.put("secondsPerEpoch", s.secondsPerEpoch());
                run.put("converged", s.converged());
            }
        }
        ArrayNode cmp = o.putArray("comparisons");
        for (Comparison c : r.comparisons()) {
            Difference d = c.difference();
            ObjectNode x = cmp.addObject();
            x.put("a", c.a());
            x.put("b", c.b());
            x.put("difference", d.difference());
            putFinite(x, "low", d.low());
            putFinite(x, "high", d.high());
            putFinite(x, "degreesOfFreedom", d.degreesOfFreedom());
            x.put("confidence", d.confidence());
            x.put("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
        }
        return o;
    }

    /** JSON has no NaN or infinity: an undefined figure is null. */
    private static void putFinite(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
