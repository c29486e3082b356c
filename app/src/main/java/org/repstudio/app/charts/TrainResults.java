package org.repstudio.app.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.repstudio.core.design.TrainedRuns;
import org.repstudio.core.train.Int8Evaluation;
import org.repstudio.core.train.Provenance;

/**
 * The results of the latest training run of a design, read from the provenance file {@code NAME.train.json}
 * that {@code ./repstudio train} (and the training window) write into the design's run folder
 * (see {@link org.repstudio.core.train.Provenance}).
 *
 * @param file                the provenance file
 * @param created             when the run was saved (ISO-8601), or "" if the file does not say
 * @param dataset             the dataset's name
 * @param epochs              epochs trained
 * @param status              "finished", "cancelled"...
 * @param accuracyUnfused     test accuracy of the trained, unfused harness, 0 to 1
 * @param accuracyFused       test accuracy of its fused form, 0 to 1
 * @param accuracyPlain       test accuracy of the plain baseline (same budget and seed), or null when none
 * @param predictionAgreement share of test images on which unfused and fused predict the same class
 * @param stale               the design file changed since the run (its SHA-256 differs)
 * @param int8                what INT8 did to the fused model in ONNX Runtime, or null when the run did not evaluate it
 */
public record TrainResults(Path file, String created, String dataset, int epochs, String status,
                           double accuracyUnfused, double accuracyFused, Double accuracyPlain,
                           double predictionAgreement, boolean stale, Int8Evaluation int8) {

    /** Marks the provenance format {@link org.repstudio.core.train.Provenance} writes. */
    static final String FORMAT = "repstudio-train-run";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code NAME.train.json} in the design's run folder (beside it, or the user's folder for a sample). */
    public static Path provenanceFile(Path designFile) {
        return TrainedRuns.provenanceFile(designFile);
    }

    /**
     * The latest run of the design in {@code designFile}; empty when it was never trained (or the run has no
     * fused comparison, e.g. it diverged).
     *
     * @throws IOException when the file exists but cannot be read or is not a training result
     */
    public static Optional<TrainResults> read(Path designFile) throws IOException {
        Path f = provenanceFile(designFile);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode o = MAPPER.readTree(f.toFile());
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IOException(f.getFileName() + " is not a RepStudio training result");
        }
        JsonNode r = o.path("results");
        if (!r.has("accuracyUnfused") || !r.has("accuracyFused")) {
            return Optional.empty();
        }
        Double plain = r.has("accuracyPlain") ? r.get("accuracyPlain").asDouble() : null;
        boolean stale = Files.isRegularFile(designFile) && o.has("designSha256")
                && !o.get("designSha256").asText().equals(sha256(designFile));
        return Optional.of(new TrainResults(f, o.path("created").asText(""), o.path("dataset").path("name").asText("?"),
                o.path("hyperParameters").path("epochs").asInt(r.path("epochs").size()), r.path("status").asText("?"),
                r.get("accuracyUnfused").asDouble(), r.get("accuracyFused").asDouble(), plain,
                r.path("predictionAgreement").asDouble(Double.NaN), stale,
                r.has("int8") ? Provenance.readInt8(r.get("int8")) : null));
    }

    /** Fused minus unfused accuracy in percentage points. */
    public double deltaPoints() {
        return 100 * (accuracyFused - accuracyUnfused);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
