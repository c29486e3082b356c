package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.Position;
import org.repstudio.core.io.WeightsIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Collapses every linear region of a design and writes the fused design and, if asked, the trace. */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = "Collapse every linear region of DESIGN into one conv; print the steps.")
final class FuseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DESIGN.json", description = "the design file")
    Path design;

    @Option(names = {"-o", "--output"}, paramLabel = "FUSED.json",
            description = "write the fused design here (its weights go to FUSED.rsw beside it)")
    Path output;

    @Option(names = "--trace", paramLabel = "TRACE.json", description = "write the fusion trace as JSON")
    Path trace;

    @Option(names = "--weights", paramLabel = "W", description = "weights sidecar to use instead of the design's")
    Path weights;

    @Option(names = "--seed", description = "seed of random weights when the design has none; default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = {"-q", "--quiet"}, description = "print only the summary line")
    boolean quiet;

    @Option(names = "--no-step-check", description = "skip the float64 check of each step (faster on big networks)")
    boolean noStepCheck;

    @Option(names = "--repeat", paramLabel = "N", description = "fuse N times and print the median time (a benchmark)")
    int repeat = 1;

    @Override
    public Integer call() throws Exception {
        LoadedDesign d = Designs.load(design, seed, Optional.ofNullable(weights));
        Designs.sayWeights(d);
        FusionTrace t = FusionPlanner.fuse(d.graph(), d.weights(), d.method().fusion(!noStepCheck));
        if (repeat > 1) {
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                ms[i] = FusionPlanner.fuse(d.graph(), d.weights(), d.method().fusion(!noStepCheck)).millis();
            }
            java.util.Arrays.sort(ms);
            System.out.printf("fuse time over %d runs (step checks %s): median %.1f ms, min %.1f ms, max %.1f ms%n",
                    repeat, noStepCheck ? "off" : "on", ms[repeat / 2], ms[0], ms[repeat - 1]);
        }
        if (!quiet) {
            for (FusionStep s : t.steps()) {
                System.out.println(s.summary());
            }
        }
        for (Refusal r : t.refusals()) {
            System.out.println("REFUSED " + r.region() + ": " + r.reason());
        }
        System.out.printf("%d regions, %d steps, %d -> %d nodes, max step error %.2e, %.1f ms%n", t.regions().size(),
                t.steps().size(), d.graph().nodes().size(), t.fused().nodes().size(), t.maxStepError(),
                t.millis());
        if (output != null) {
            writeFused(d, t);
        }
        if (trace != null) {
            String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(TraceJson.of(t));
            Path tmp = Files.createTempFile(trace.toAbsolutePath().getParent(), ".trace", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, trace, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return t.exact() ? 0 : 1;
    }

    private void writeFused(LoadedDesign d, FusionTrace t) throws java.io.IOException {
        String base = output.getFileName().toString().replaceFirst("\\.json$", "");
        Path sidecar = output.toAbsolutePath().resolveSibling(base + ".rsw");
        WeightsIO.write(sidecar, t.fusedWeights());
        Map<String, Position> laid = LayeredLayout.positions(t.fused());
        Map<String, Position> positions = new LinkedHashMap<>();
        for (String id : t.fused().nodes().keySet()) {
            positions.put(id, d.design().positions().getOrDefault(id, laid.get(id)));
        }
        DesignFile fused = new DesignFile(d.design().name() + " (fused)", "Fused from " + design.getFileName() + ": "
                + d.design().description(), d.design().method(), t.fused(), positions,
                Optional.of(sidecar.getFileName().toString()), Optional.empty());
        DesignIO.write(output, fused);
        System.out.println("wrote " + output + " and " + sidecar.getFileName());
    }
}
