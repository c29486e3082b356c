package org.repstudio.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.WeightValues;
import org.repstudio.core.io.AtomicFiles;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.LayeredLayout;
import org.repstudio.core.io.Position;
import org.repstudio.core.io.WeightsIO;
import org.repstudio.core.io.WritePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Collapses every linear region of a design and writes the fused design and, if asked, the trace. */
@Command(name = "fuse", mixinStandardHelpOptions = true,
        description = "Collapse every linear region of DESIGN into one conv; print the steps.")
final class FuseCommand implements Callable<Integer> {

    @Mixin
    DesignInput input = new DesignInput();

    @Option(names = {"-o", "--output"}, paramLabel = "FUSED.json",
            description = "write the fused design here (its weights go to FUSED.rsw beside it)")
    Path output;

    @Option(names = "--trace", paramLabel = "TRACE.json", description = "write the fusion trace as JSON")
    Path trace;

    @Option(names = "--seed", description = "seed of random weights when the design has none; default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = {"-q", "--quiet"}, description = "print only the summary line")
    boolean quiet;

    @Option(names = "--no-step-check", description = "skip the float64 check of each step (faster on big networks)")
    boolean noStepCheck;

    @Option(names = "--allow-partial", description = "write -o and --trace even if some regions cannot be fused"
            + " (they stay as they are); without it a refused design writes nothing, as export does")
    boolean allowPartial;

    @Option(names = "--repeat", paramLabel = "N", description = "fuse N times and print the median time (a benchmark)")
    int repeat = 1;

    @Override
    public Integer call() throws Exception {
        LoadedDesign d = input.load(seed);
        WritePlan plan = input.reading(d);
        if (output != null) {
            plan.writes("-o", output).writes("the weights beside -o", sidecarOf(output));
        }
        if (trace != null) {
            plan.writes("--trace", trace);
        }
        CommandFiles.require(plan);
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
        if (!t.exact() && !allowPartial && (output != null || trace != null)) {
            System.err.println("error: " + t.refusals().size() + " region(s) cannot be fused; nothing written"
                    + " (--allow-partial writes the design with them left as they are)");
            return 1;
        }
        Optional<String> badValue = WeightValues.firstProblem(t.fusedWeights());
        if (badValue.isPresent()) {
            System.err.println("error: the fused weights are not usable: " + badValue.get()
                    + (output != null || trace != null ? "; nothing written" : ""));
            return 1;
        }
        if (output != null) {
            writeFused(d, t);
        }
        if (trace != null) {
            AtomicFiles.write(trace, CliJson.text(TraceJson.of(t)).getBytes(StandardCharsets.UTF_8));
        }
        return t.exact() ? 0 : 1;
    }

    /** The weights sidecar written beside a fused design: FUSED.json's is FUSED.rsw. */
    static Path sidecarOf(Path fusedDesign) {
        String base = fusedDesign.getFileName().toString().replaceFirst("\\.json$", "");
        return fusedDesign.toAbsolutePath().resolveSibling(base + ".rsw");
    }

    private void writeFused(LoadedDesign d, FusionTrace t) throws java.io.IOException {
        Path sidecar = sidecarOf(output);
        WeightsIO.write(sidecar, t.fusedWeights());
        Map<String, Position> laid = LayeredLayout.positions(t.fused());
        Map<String, Position> positions = new LinkedHashMap<>();
        for (String id : t.fused().nodes().keySet()) {
            positions.put(id, d.design().positions().getOrDefault(id, laid.get(id)));
        }
        DesignFile fused = new DesignFile(d.design().name() + " (fused)", "Fused from " + input.path().getFileName()
                + ": " + d.design().description(), d.design().method(), t.fused(), positions,
                Optional.of(sidecar.getFileName().toString()), Optional.empty());
        DesignIO.write(output, fused);
        System.out.println("wrote " + output + " and " + sidecar.getFileName());
    }
}
