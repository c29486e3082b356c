package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.importer.ImportFusion;
import org.repstudio.core.importer.ImportReport;
import org.repstudio.core.importer.ImportedModel;
import org.repstudio.core.importer.ImportedDesign;
import org.repstudio.core.importer.NpyFile;
import org.repstudio.core.importer.OnnxImportException;
import org.repstudio.core.importer.OnnxImporter;
import org.repstudio.core.importer.OrtLatency;
import org.repstudio.core.importer.RegionReport;
import org.repstudio.core.io.WritePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a train-time ONNX model: as a design (and its weights sidecar), or with --fuse straight to a fused
 * ONNX file certified against the original in ONNX Runtime. Exit 0: written (or nothing to fuse); 1: the
 * fused file differs from the original beyond the tolerance, nothing written; 2: bad input, nothing written.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a train-time ONNX model (opset 11-17) as a design, or with --fuse write its fused form"
                + " checked against the original file in ONNX Runtime.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL.onnx", description = "the ONNX model, as torch.onnx.export writes it")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "DESIGN.json (weights go beside it as DESIGN.rsw), or with --fuse the FUSED.onnx to write")
    Path output;

    @Option(names = "--fuse", description = "fuse every exact region and write the fused ONNX model")
    boolean fuse;

    @Option(names = "--fuse-all", description = "with --fuse: also fuse regions whose fused conv costs more MACs")
    boolean fuseAll;

    @Option(names = "--method", paramLabel = "rmnet", description = "rmnet: also remove ResNet residuals (RMNet)")
    String method;

    @Option(names = "--input", paramLabel = "X.npy", description = "with --fuse: also compare on this input tensor [N, C, H, W]")
    Path input;

    @Option(names = "--tolerance", description = "largest max relative difference accepted; default ${DEFAULT-VALUE}")
    double tolerance = 1e-6;

    @Option(names = "--seed", description = "seed of the random input; default ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--batch", description = "batch size of the random input; default ${DEFAULT-VALUE}")
    int batch = 2;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--bench", description = "with --fuse: also time the original and the fused model in ONNX Runtime"
            + " (batch 1, interleaved, medians) and print the peak Java heap")
    boolean bench;

    @Option(names = "--reps", description = "with --bench: timed runs of each model; default ${DEFAULT-VALUE}")
    int reps = 30;

    @Option(names = "--threads", description = "with --bench: ONNX Runtime intra-op threads; default ${DEFAULT-VALUE}")
    int threads = 2;

    @Override
    public Integer call() {
        boolean rmnet = method != null && method.equalsIgnoreCase("rmnet");
        if (method != null && !rmnet) {
            throw new BadInputException("--method: only rmnet is supported, got " + method);
        }
        // nothing read may be overwritten, and every output's folder must take files, before any work
        WritePlan plan = new WritePlan().reads("the model", model).reads("the --input tensor",
                Optional.ofNullable(input)).writes("-o", output);
        if (!fuse) {
            plan.writes("the weights beside -o", FuseCommand.sidecarOf(output));
        }
        CommandFiles.require(plan);
        HeapPeak.reset();
        long t0 = System.nanoTime();
        ImportedModel m;
        Optional<Tensor> x;
        try {
            m = OnnxImporter.read(model);
            x = input == null ? Optional.empty() : Optional.of(NpyFile.read(input));
        } catch (OnnxImportException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new BadInputException(e.getMessage());
        }
        double importMillis = (System.nanoTime() - t0) / 1e6;
        if (x.isPresent()) {
            requireInputShape(x.get(), m);
        }
        if (!fuse) {
            return writeDesign(m, importMillis);
        }
        ImportFusion.Result r;
        try {
            r = ImportFusion.fuse(m, new ImportFusion.Options(fuseAll, rmnet, tolerance, seed, batch, x), importMillis);
        } catch (OnnxImportException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        ImportReport rep = r.report();
        if (!rep.withinTolerance()) {
            print(rep, false);
            System.err.printf("error: the fused model differs from %s by max rel %.3e (tolerance %.1e)%s; nothing"
                    + " written%n", model.getFileName(), rep.maxRelDiff(), tolerance,
                    rep.firstDiverging().map(f -> "; first diverging region: " + f).orElse(""));
            return 1;
        }
        if (rep.nothingToFuse()) {
            print(rep, false);
            String joins = rep.refusals().isEmpty() || rmnet ? "" : "; " + rep.refusals().size() + " join(s) across"
                    + " a nonlinearity cannot be fused (--method rmnet removes ResNet residuals)";
            System.out.println("nothing to fuse: " + model.getFileName() + " has no region that fusion makes"
                    + " smaller (already deployed?)" + joins + "; nothing written");
            return 0;
        }
        long t1 = System.nanoTime();
        try {
            ImportedDesign.writeOnnx(output, r.bytes());
        } catch (IOException e) {
            throw new BadInputException("cannot write " + output + ": " + e.getMessage());
        }
        rep.millis().put("write", (System.nanoTime() - t1) / 1e6);
        double peakMb = HeapPeak.megabytes();
        print(rep, true);
        if (bench) {
            long[] shape = {1, 0, 0, 0};
            var in = m.original().getGraph().getInputList().stream().filter(v -> v.getName().equals(m.inputName()))
                    .findFirst().orElseThrow().getType().getTensorType().getShape();
            for (int i = 1; i < 4; i++) {
                shape[i] = in.getDim(i).getDimValue();
            }
            Tensor probe = Tensor.gaussian(new java.util.Random(seed), 1, (int) shape[1], (int) shape[2], (int) shape[3]);
            OrtLatency.Result l = OrtLatency.measure(m.original(), r.bytes(), m.inputName(), probe, threads, reps);
            double total = rep.millis().get("import") + rep.millis().get("fuse") + rep.millis().get("export");
            System.out.printf("bench: import+fuse+export %.2f s (certify %.2f s more), peak Java heap %.0f MB%n",
                    total / 1000, rep.millis().get("certify") / 1000, peakMb);
            System.out.printf("bench: ONNX Runtime %d threads, batch 1, %d interleaved runs each, medians: original"
                    + " %.2f ms, fused %.2f ms, speed-up %.2fx; fastest runs: %.2f ms, %.2f ms, %.2fx%n", l.threads(),
                    l.reps(), l.originalMs(), l.fusedMs(), l.speedup(), l.originalBestMs(), l.fusedBestMs(),
                    l.bestSpeedup());
        }
        return 0;
    }

    /** The user's tensor must be [N, C, H, W] with the model's C, H and W. */
    private void requireInputShape(Tensor x, ImportedModel m) {
        var s = org.repstudio.core.graph.ShapeInference.infer(m.graph()).shapes().get(m.graph().inputIds().get(0));
        int[] d = x.shape();
        if (d.length != 4 || d[1] != s.channels() || d[2] != s.height() || d[3] != s.width()) {
            throw new BadInputException(input.getFileName() + ": shape " + java.util.Arrays.toString(d)
                    + " does not fit the model's input '" + m.inputName() + "' [N, " + s.channels() + ", " + s.height()
                    + ", " + s.width() + "]");
        }
    }

    private Integer writeDesign(ImportedModel m, double millis) {
        try {
            ImportedDesign.write(output, m, String.valueOf(model.getFileName()));
        } catch (IOException e) {
            throw new BadInputException("cannot write " + output + ": " + e.getMessage());
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("design", output.toString()).put("nodes", m.graph().nodes().size()).put("opaque", m.opaque())
                    .put("opset", m.opset()).put("millis", millis);
            System.out.println(o.toPrettyString());
        } else {
            System.out.printf("wrote %s: %d nodes (%d opaque ONNX ops), opset %d, %.0f ms%n", output,
                    m.graph().nodes().size(), m.opaque(), m.opset(), millis);
        }
        return 0;
    }

    private void print(ImportReport r, boolean written) {
        if (json) {
            System.out.println(toJson(r, written ? output : null).toPrettyString());
            return;
        }
        for (RegionReport g : r.regions()) {
            System.out.printf("%-8s %-40s %2d -> %d nodes, MACs %,d -> %,d, max rel %s  [%s]%s%n",
                    g.fused() ? "fused" : "kept", g.region(), g.nodesBefore(), g.nodesAfter(), g.macsBefore(),
                    g.macsAfter(), Double.isNaN(g.maxRelDiff()) ? "-" : String.format("%.2e", g.maxRelDiff()),
                    String.join(", ", g.rules()), g.note().isEmpty() ? "" : "  " + g.note());
        }
        for (String refusal : r.refusals()) {
            System.out.println("refused  " + refusal);
        }
        System.out.printf("%s: %d ONNX nodes %s -> %d %s%n", written ? "wrote " + output : "not written",
                r.nodesBefore(), r.opsBefore(), r.nodesAfter(), r.opsAfter());
        System.out.printf("certificate: ONNX Runtime %s, fused vs original on %s: max abs %.3e, max rel %.3e"
                + " (tolerance %.1e)%n", r.ortVersion(), String.join(" and ", r.inputs()), r.maxAbsDiff(),
                r.maxRelDiff(), r.tolerance());
        System.out.println("time (ms): " + r.millis());
    }

    static ObjectNode toJson(ImportReport r, Path written) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("source", r.source()).put("opset", r.opset()).put("opaqueNodes", r.opaqueNodes());
        o.put("written", written == null ? null : written.toString());
        r.opsBefore().forEach(o.putObject("opsBefore")::put);
        r.opsAfter().forEach(o.putObject("opsAfter")::put);
        o.put("nodesBefore", r.nodesBefore()).put("nodesAfter", r.nodesAfter());
        o.put("maxAbsDiff", r.maxAbsDiff()).put("maxRelDiff", r.maxRelDiff()).put("tolerance", r.tolerance());
        o.put("withinTolerance", r.withinTolerance()).put("nothingToFuse", r.nothingToFuse());
        o.put("firstDiverging", r.firstDiverging().orElse(null));
        ArrayNode inputs = o.putArray("inputs");
        r.inputs().forEach(inputs::add);
        o.put("ortVersion", r.ortVersion());
        ArrayNode regions = o.putArray("regions");
        for (RegionReport g : r.regions()) {
            ObjectNode n = regions.addObject();
            n.put("region", g.region()).put("fused", g.fused());
            ArrayNode rules = n.putArray("rules");
            g.rules().forEach(rules::add);
            n.put("nodesBefore", g.nodesBefore()).put("nodesAfter", g.nodesAfter());
            n.put("macsBefore", g.macsBefore()).put("macsAfter", g.macsAfter());
            if (Double.isNaN(g.maxRelDiff())) {
                n.putNull("maxRelDiff");
            } else {
                n.put("maxRelDiff", g.maxRelDiff());
            }
            n.put("note", g.note());
        }
        ArrayNode refusals = o.putArray("refusals");
        r.refusals().forEach(refusals::add);
        r.millis().forEach(o.putObject("millis")::put);
        return o;
    }
}
