package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.EngineNames;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fuses a design and runs the unfused and the fused graph on DJL (float32) on the same random input.
 * Exit 0: exact and within tolerance; 1: refused or out of tolerance; 2: invalid input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Fuse DESIGN and check on DJL that the fused model computes the same outputs.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DesignInput input = new DesignInput();

    @Option(names = "--seed", description = "seed of the random input (and of random weights when the design has none); default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = "--tolerance", description = "largest max|a-b|/max|a| accepted; default ${DEFAULT-VALUE}")
    double tolerance = 1e-6;

    @Option(names = "--batch", description = "batch size of the random input; default ${DEFAULT-VALUE}")
    int batch = 2;

    @Option(names = "--calibrate-bn", description = "give random weights the BN statistics a random batch produces"
            + " (as after training) instead of random ones")
    boolean calibrateBn;

    @Option(names = "--engine", description = "DJL engine that runs both models: pytorch or mxnet (when its native "
            + "library loads); default pytorch")
    String engine;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Comparison.checkedTolerance(tolerance);
        LoadedDesign d = input.load(seed, calibrateBn);
        FusionTrace trace = FusionPlanner.fuse(d.graph(), d.weights(), d.method().fusion(false));
        String engineName = EngineNames.canonical(engine);
        Comparison cmp = Equivalence.compare(d.graph(), d.weights(), trace.fused(), trace.fusedWeights(),
                seed, batch, engineName);
        boolean within = cmp.maxRelDiff() <= tolerance;
        boolean ok = trace.exact() && within;
        String reason = reason(trace, within, cmp);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", input.path().toString());
            o.put("exact", trace.exact());
            o.put("withinTolerance", within);
            o.put("maxAbsDiff", cmp.maxAbsDiff());
            o.put("maxRelDiff", cmp.maxRelDiff());
            o.put("tolerance", tolerance);
            o.put("regions", trace.regions().size());
            o.put("steps", trace.steps().size());
            if (reason == null) {
                o.putNull("reason");
            } else {
                o.put("reason", reason);
            }
            TraceJson.refusals(o.putArray("refusals"), trace);
            o.put("nodesBefore", d.graph().nodes().size());
            o.put("nodesAfter", trace.fused().nodes().size());
            o.put("paramsBefore", d.weights().count());
            o.put("paramsAfter", trace.fusedWeights().count());
            o.put("fuseMillis", trace.millis());
            o.put("weights", d.source().kind().jsonName());
            o.put("weightsSource", weightsLabel(d));
            o.put("seed", seed);
            o.put("engine", engineName == null ? EngineNames.defaultEngine() : engineName);
            System.out.println(CliJson.text(o));
        } else {
            System.out.printf("%s: %d regions, %d steps, %d -> %d nodes, %d -> %d parameters%n", input.path(),
                    trace.regions().size(), trace.steps().size(), d.graph().nodes().size(),
                    trace.fused().nodes().size(), d.weights().count(), trace.fusedWeights().count());
            System.out.printf("DJL " + (engineName == null ? EngineNames.defaultEngine() : engineName)
                    + " float32, weights %s, seed %d: maxAbsDiff %.3e, maxRelDiff %.3e (tolerance %.1e)%n",
                    weightsLabel(d), seed, cmp.maxAbsDiff(), cmp.maxRelDiff(), tolerance);
            System.out.println(ok ? "EXACT" : "NOT EXACT: " + reason);
        }
        return ok ? 0 : 1;
    }

    private static String weightsLabel(LoadedDesign d) {
        return d.source().describe();
    }

    private static String reason(FusionTrace trace, boolean within, Comparison cmp) {
        if (!trace.exact()) {
            StringBuilder sb = new StringBuilder();
            for (Refusal r : trace.refusals()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(r.reason());
            }
            return sb.toString();
        }
        return within ? null : String.format("fused output differs: maxRelDiff %.3e", cmp.maxRelDiff());
    }
}
