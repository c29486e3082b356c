package org.repstudio.core.pytorch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;

/**
 * import-weights end to end: read the checkpoint, map it onto the design, check the weights against the
 * graph, then write the sidecar and the design beside it. Every check runs before the first write, so a
 * checkpoint that does not fit leaves every file as it was.
 */
public final class WeightsImport {

    /** What was read and written. */
    public record Outcome(StateDictImport.Result result, String format, String entry, int tensorsRead, Path sidecar) {
    }

    private WeightsImport() {
    }

    /** Reads and maps only; nothing is written. */
    public static Outcome read(DesignFile design, Path checkpoint) throws IOException {
        String name = checkpoint.getFileName().toString();
        CheckpointReader.StateDict sd = CheckpointReader.read(checkpoint);
        StateDictImport.Result r = StateDictImport.apply(design, sd.tensors(), name);
        List<Problem> problems = WeightsIO.check(design.graph(), r.weights());
        if (!problems.isEmpty()) {
            throw new CheckpointException(name + " does not fit the design: " + problems.get(0));
        }
        int read = r.weights().byNode().values().stream().mapToInt(java.util.Map::size).sum();
        return new Outcome(r, sd.format(), sd.entry(), read, null);
    }

    public static Outcome run(DesignFile design, Path designPath, Path checkpoint, Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        if (out.equals(designPath.toAbsolutePath().normalize()) || out.equals(checkpoint.toAbsolutePath().normalize())) {
            throw new CheckpointException(output + ": choose another output than the design or the checkpoint");
        }
        Outcome o = read(design, checkpoint);
        String base = out.getFileName().toString().replaceFirst("\\.json$", "");
        Path sidecar = out.resolveSibling(base + ".rsw");
        WeightsIO.write(sidecar, o.result().weights());
        DesignIO.write(out, design.withWeights(sidecar.getFileName().toString()));
        return new Outcome(o.result(), o.format(), o.entry(), o.tensorsRead(), sidecar);
    }
}
