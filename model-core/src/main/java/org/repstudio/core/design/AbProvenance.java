package org.repstudio.core.design;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.ArmResult;
import org.repstudio.core.ab.Comparison;
import org.repstudio.core.ab.SeedResult;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.train.DataSpec;
import org.repstudio.core.train.RunFolders;
import org.repstudio.core.train.TrainConfig;
import org.repstudio.core.stats.Difference;

/**
 * An A/B study's record, {@code NAME.ab-provenance.json} in the design's run folder: every seed's result, the
 * summaries and the configuration, as {@code ab --json} prints it. The CLI and the training window keep it
 * alike, checked before the runs so minutes of training never end in a file that cannot be written.
 */
public final class AbProvenance {

    private AbProvenance() {
    }

    /** Where the A/B of {@code designFile} keeps its record. */
    public static Path file(Path designFile) {
        return TrainedRuns.folder(designFile).resolve(RunFolders.stem(designFile) + ".ab-provenance.json");
    }

    /**
     * Makes the run folder and checks that the record may be written there without replacing a file the design
     * reads; returns the record's path. Call it before the runs.
     */
    public static Path prepare(LoadedDesign d) throws IOException {
        Path out = file(d.file());
        Files.createDirectories(out.getParent());
        d.readPlan(Optional.empty()).writes("the A/B provenance", out).require();
        return out;
    }

    /** Writes the record of {@code r} atomically. */
    public static void write(Path out, AbReport r, String configuration) throws IOException {
        write(out, of(r, configuration));
    }

    /** Writes {@code record} (from {@link #of}) atomically. */
    public static void write(Path out, ObjectNode record) throws IOException {
        AtomicFiles.write(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    }

    /** How the arms were trained, in one line for the record. */
    public static String configuration(TrainConfig cfg, DataSpec data) {
        return String.format(Locale.ROOT, "%s lr %s momentum %s %s, weight decay %s, batch %d, %s harness with %d stages,"
                        + " data %s", cfg.optimizer(), cfg.learningRate(), cfg.momentum(),
                cfg.schedule().toString().toLowerCase(Locale.ROOT), cfg.weightDecay(), cfg.batchSize(),
                cfg.harness().layout().toString().toLowerCase(Locale.ROOT), cfg.harness().copies(), data);
    }

    /** The record as JSON. */
    public static ObjectNode of(AbReport r, String configuration) {
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
            a.int8Accuracy().ifPresent(q -> {
                arm.put("meanInt8Accuracy", q.mean());
                putFinite(arm, "stdInt8Accuracy", q.std());
            });
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
                if (Double.isFinite(s.int8Accuracy())) {
                    run.put("int8TestAccuracy", s.int8Accuracy());
                }
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
