package org.repstudio.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.WeightsIO;

/**
 * Saves a training session of the design {@code NAME.json} into its run folder ({@link RunFolders}): the
 * trained harness as {@code NAME.trained.json} with weights {@code NAME.trained.rsw}, its fused form as
 * {@code NAME.trained-fused.json} / {@code .rsw}, the trained block's own weights as
 * {@code NAME.trained-block.rsw}, and {@code NAME.train.json}: the provenance (design SHA-256, seed,
 * hyper-parameters, dataset, device, engine and app versions) and the results.
 */
public final class Provenance {

    /** The provenance file is {@code NAME.train.json}. */
    public static final String PROVENANCE_SUFFIX = ".train.json";
    /** The trained block's weights are {@code NAME.trained-block.rsw}. */
    public static final String BLOCK_SUFFIX = ".trained-block.rsw";
    /** The provenance field naming the block's weights file and the graph hash they belong to. */
    public static final String TRAINED_BLOCK = "trainedBlock";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Provenance() {
    }

    /**
     * The trained block's own weights (the first copy in the harness), which the design's later loads use.
     *
     * @param weights     parameters keyed by the design's node ids
     * @param graphSha256 the design graph's hash, so an edited design does not pick up weights of another graph
     */
    public record TrainedBlock(Weights weights, String graphSha256) {
    }

    /**
     * Writes the files into {@code folder} (created if needed): the trained harness, its fused form made with
     * {@code fusion} (the design method's rewrites), the block's weights ({@code NAME.trained-block.rsw}) when
     * {@code block} is not null, and the provenance; returns their paths, provenance last.
     */
    public static List<Path> save(Path designPath, Path folder, TrainReport report, String appVersion,
                                  FusionOptions fusion, TrainedBlock block) throws IOException {
        String stem = RunFolders.stem(designPath);
        Path dir = Files.createDirectories(folder.toAbsolutePath());
        List<Path> written = new ArrayList<>();
        TrainingRun run = report.run();
        written.addAll(saveModel(dir, stem + ".trained", run.graph(), run.weights(), report.design() + " (trained)"));
        if (report.collapse() != null) {
            FusionTrace t = FusionPlanner.fuse(run.graph(), run.weights(), fusion);
            written.addAll(saveModel(dir, stem + ".trained-fused", t.fused(), t.fusedWeights(),
                    report.design() + " (trained, fused)"));
        }
        ObjectNode json = toJson(report, sha256(designPath), appVersion);
        if (block != null) {
            Path blockFile = dir.resolve(stem + BLOCK_SUFFIX);
            WeightsIO.write(blockFile, block.weights());
            written.add(blockFile);
            json.putObject(TRAINED_BLOCK).put("weights", blockFile.getFileName().toString())
                    .put("graphSha256", block.graphSha256());
        }
        Path prov = dir.resolve(stem + PROVENANCE_SUFFIX);
        AtomicFiles.write(prov, (json.toPrettyString() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        written.add(prov);
        return written;
    }

    /**
     * {@link #save} into {@code folder}; when that fails (the folder became read-only, the disk filled), into a
     * fresh folder under the system's temporary folder, so trained weights are never dropped.
     *
     * @throws IOException only when the rescue folder cannot be written either
     */
    public static SaveOutcome saveOrRescue(Path designPath, Path folder, TrainReport report, String appVersion,
                                           FusionOptions fusion, TrainedBlock block) throws IOException {
        try {
            return SaveOutcome.beside(save(designPath, folder, report, appVersion, fusion, block));
        } catch (IOException e) {
            Path rescue = Files.createTempDirectory("repstudio-train-");
            List<Path> files = save(designPath, rescue, report, appVersion, fusion, block);
            return new SaveOutcome(files, java.util.Optional.of("could not save the results in " + folder + " ("
                    + e + ")"), java.util.Optional.of(rescue));
        }
    }

    /** Every file {@link #save} may write into {@code folder}, so a command can check them before training. */
    public static List<Path> outputs(Path designPath, Path folder) {
        Path dir = folder.toAbsolutePath();
        String stem = RunFolders.stem(designPath);
        return List.of(dir.resolve(stem + ".trained.json"), dir.resolve(stem + ".trained.rsw"),
                dir.resolve(stem + ".trained-fused.json"), dir.resolve(stem + ".trained-fused.rsw"),
                dir.resolve(stem + BLOCK_SUFFIX), dir.resolve(stem + PROVENANCE_SUFFIX));
    }

    private static List<Path> saveModel(Path dir, String stem, Graph g, Weights w, String name) throws IOException {
        Path weights = dir.resolve(stem + ".rsw");
        WeightsIO.write(weights, w);
        DesignFile d = DesignFile.of(name, "written by the training session", "harness", g)
                .withPositions(LayeredLayout.positions(g)).withWeights(weights.getFileName().toString());
        Path design = dir.resolve(stem + ".json");
        DesignIO.write(design, d);
        return List.of(design, weights);
    }

    /** The provenance and results as one JSON object. */
    public static ObjectNode toJson(TrainReport r, String designHash, String appVersion) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", "repstudio-train-run");
        o.put("version", 1);
        o.put("created", Instant.now().toString());
        o.put("design", r.design());
        o.put("designSha256", designHash);
        TrainConfig c = r.run().config();
        ObjectNode h = o.putObject("hyperParameters");
        h.put("seed", c.seed());
        h.put("epochs", c.epochs());
        h.put("batchSize", c.batchSize());
        h.put("optimizer", c.optimizer().name().toLowerCase(Locale.ROOT));
        h.put("learningRate", c.learningRate());
        h.put("momentum", c.momentum());
        h.put("weightDecay", c.weightDecay());
        h.put("schedule", c.schedule().name().toLowerCase(Locale.ROOT));
        h.put("blockCopies", c.harness().copies());
        h.put("stemStride", c.harness().stemStride());
        h.put("layout", c.harness().layout().name().toLowerCase(java.util.Locale.ROOT));
        h.put("training", c.online() ? "online" : "offline");
        ObjectNode data = o.putObject("dataset");
        data.put("name", r.dataset());
        data.put("trainImages", r.trainImages());
        data.put("testImages", r.testImages());
        o.put("device", r.run().device());
        if (r.run().deviceNotice() != null) {
            o.put("deviceNotice", r.run().deviceNotice());
        }
        o.put("engine", r.engine());
        o.put("appVersion", appVersion);
        o.put("javaVersion", System.getProperty("java.version"));
        results(o.putObject("results"), r);
        return o;
    }

    /** The result fields the CLI's --json also prints. */
    public static void results(ObjectNode o, TrainReport r) {
        TrainingRun run = r.run();
        o.put("status", run.status().name().toLowerCase(Locale.ROOT));
        o.put("message", run.message());
        o.put("training", run.config().online() ? "online" : "offline");
        o.put("device", run.device());
        o.put("imagesPerSecond", run.imagesPerSecond());
        o.put("trainSeconds", run.trainSeconds());
        ArrayNode epochs = o.putArray("epochs");
        for (EpochMetrics m : run.epochs()) {
            epochs.addObject().put("epoch", m.epoch()).put("trainLoss", m.trainLoss())
                    .put("trainAccuracy", m.trainAccuracy()).put("testAccuracy", m.testAccuracy())
                    .put("seconds", m.seconds());
        }
        Collapse c = r.collapse();
        if (c != null) {
            o.put("accuracyUnfused", c.accuracyUnfused());
            o.put("accuracyFused", c.accuracyFused());
            o.put("predictionAgreement", c.predictionAgreement());
            o.put("maxLogitDiff", c.maxLogitDiff());
            o.put("maxLogitRelDiff", c.maxLogitRelDiff());
            o.put("fusedExactly", c.exact());
            o.put("nodesUnfused", c.nodesUnfused());
            o.put("nodesFused", c.nodesFused());
            o.put("paramsUnfused", c.paramsUnfused());
            o.put("paramsFused", c.paramsFused());
            o.put("latencyUnfusedMs", c.latencyUnfusedMs());
            o.put("latencyFusedMs", c.latencyFusedMs());
            o.put("latencyBatch", c.latencyBatch());
        }
        if (r.int8() != null) {
            int8(o.putObject("int8"), r.int8());
        }
        if (r.plain() != null) {
            o.put("accuracyPlain", r.accuracyPlain());
            o.put("plainStatus", r.plain().status().name().toLowerCase(Locale.ROOT));
            o.put("plainImagesPerSecond", r.plain().imagesPerSecond());
            if (r.latencyPlainMs() != null) {
                o.put("latencyPlainMs", r.latencyPlainMs());
            }
        }
    }

    /**
     * The INT8 evaluation as {@link #results} wrote it under {@code results.int8}; an unknown outcome reads as
     * failed, with the reason the file gives.
     */
    public static Int8Evaluation readInt8(com.fasterxml.jackson.databind.JsonNode n) {
        Int8Evaluation.Outcome outcome;
        try {
            outcome = Int8Evaluation.Outcome.valueOf(n.path("outcome").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            outcome = Int8Evaluation.Outcome.FAILED;
        }
        if (outcome != Int8Evaluation.Outcome.MEASURED) {
            return Int8Evaluation.notMeasured(outcome, n.path("reason").asText(""));
        }
        return new Int8Evaluation(outcome, "", n.path("accuracyFloatUnfused").asDouble(Double.NaN),
                n.path("accuracyFloatFused").asDouble(Double.NaN), n.path("accuracyInt8Fused").asDouble(Double.NaN),
                n.path("agreementInt8VsFloatFused").asDouble(Double.NaN), n.path("testImages").asInt(),
                n.path("calibration").asText(""), n.path("calibrationImages").asInt(), n.path("integerConvs").asInt(),
                n.path("latencyFloatFusedMs").asDouble(Double.NaN), n.path("latencyInt8FusedMs").asDouble(Double.NaN),
                n.path("latencyThreads").asInt(), n.path("latencyRuns").asInt());
    }

    /** The INT8 evaluation: its outcome, and the figures when it measured or the reason when not. */
    private static void int8(ObjectNode o, Int8Evaluation e) {
        o.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
        if (!e.measured()) {
            o.put("reason", e.reason());
            return;
        }
        o.put("runtime", "onnxruntime");
        o.put("testImages", e.images());
        o.put("accuracyFloatUnfused", e.floatUnfusedTop1());
        o.put("accuracyFloatFused", e.floatFusedTop1());
        o.put("accuracyInt8Fused", e.int8Top1());
        o.put("agreementInt8VsFloatFused", e.agreement());
        o.put("calibration", e.calibration());
        o.put("calibrationImages", e.calibrationImages());
        o.put("integerConvs", e.integerConvs());
        o.put("latencyFloatFusedMs", e.floatMedianMs());
        o.put("latencyInt8FusedMs", e.int8MedianMs());
        o.put("int8Speedup", e.speedup());
        o.put("latencyThreads", e.latencyThreads());
        o.put("latencyRuns", e.latencyRuns());
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
