package org.repstudio.core.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.AppVersion;
import org.repstudio.core.graph.WeightsCheck;
import org.repstudio.core.io.WeightsIO;
import org.repstudio.core.onnx.DesignHash;
import org.repstudio.core.train.Harness;
import org.repstudio.core.train.Provenance;
import org.repstudio.core.train.RunFolders;
import org.repstudio.core.train.SaveOutcome;
import org.repstudio.core.train.TrainReport;

/**
 * A design's training runs: saved into its run folder ({@link RunFolders}: beside the design, or the user's
 * folder for a bundled sample) with the trained block's own weights, and found again by every later load of
 * the same design, as long as its graph is the one that was trained.
 */
public final class TrainedRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The block's weights of a design's latest run and where they came from. */
    public record Found(Weights weights, WeightsSource.TrainedRun source) {
    }

    private TrainedRuns() {
    }

    /** The folder a design's training outputs go to (system properties {@code repstudio.home}/{@code .state}). */
    public static Path folder(Path designFile) {
        return RunFolders.fromSystem().folderFor(designFile);
    }

    /** {@code NAME.train.json} in the design's run folder. */
    public static Path provenanceFile(Path designFile) {
        return folder(designFile).resolve(RunFolders.stem(designFile) + Provenance.PROVENANCE_SUFFIX);
    }

    /**
     * Saves a finished run of {@code design} (its harness, fused harness, block weights and provenance) into the
     * design's run folder, or when that fails into a rescue folder ({@link Provenance#saveOrRescue}): trained
     * weights are never dropped. The outcome lists the paths written, provenance last.
     */
    public static SaveOutcome save(LoadedDesign design, TrainReport report) throws IOException {
        Graph g = design.graph();
        Provenance.TrainedBlock block = Harness.blockWeights(g, report.run().weights())
                .map(w -> new Provenance.TrainedBlock(w, DesignHash.of(g))).orElse(null);
        return Provenance.saveOrRescue(design.file(), folder(design.file()), report, AppVersion.CURRENT,
                design.method().fusion(false), block);
    }

    /** Every file {@link #save} may write for {@code designFile}, to be checked before training starts. */
    public static List<Path> outputs(Path designFile) {
        return Provenance.outputs(designFile, folder(designFile));
    }

    /**
     * The trained block's weights of the latest run of the design in {@code designFile}, when that run trained
     * this very {@code graph}; empty when there is no run, or it trained an earlier version of the design.
     *
     * @throws IOException when the provenance or the weights it names cannot be read
     */
    public static Optional<Found> latest(Path designFile, Graph graph) throws IOException {
        Path prov = provenanceFile(designFile);
        if (!Files.isRegularFile(prov)) {
            return Optional.empty();
        }
        JsonNode o;
        try {
            o = MAPPER.readTree(prov.toFile());
        } catch (IOException e) {
            throw new IOException(prov + ": not a readable training record: " + e.getMessage(), e);
        }
        JsonNode block = o == null ? null : o.get(Provenance.TRAINED_BLOCK);
        if (block == null || !DesignHash.of(graph).equals(block.path("graphSha256").asText())) {
            return Optional.empty();
        }
        Path file = prov.resolveSibling(block.path("weights").asText());
        Weights w = WeightsIO.read(file);
        if (!WeightsCheck.problems(graph, w).isEmpty()) {
            return Optional.empty();
        }
        Instant created;
        try {
            created = Instant.parse(o.path("created").asText());
        } catch (DateTimeParseException e) {
            created = Files.getLastModifiedTime(file).toInstant();
        }
        return Optional.of(new Found(w, new WeightsSource.TrainedRun(file, created)));
    }
}
