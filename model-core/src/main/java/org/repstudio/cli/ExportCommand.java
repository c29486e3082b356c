package org.repstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repstudio.core.design.DesignExport;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.ExportReport;
import org.repstudio.core.onnx.OnnxForm;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Exports a design as ONNX, unfused or fused, after ONNX Runtime has run it against DJL. Exit 0: written;
 * 1: ONNX Runtime disagrees with DJL, or a fused export would leave regions unfused (without
 * --allow-partial); 2: invalid input or a path that cannot be written. Nothing is written unless exit 0.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export DESIGN as ONNX (opset 17, dynamic batch), checked in ONNX Runtime against DJL, or"
                + " with --pytorch as a PyTorch package (model.py, weights, train.py for torchrun).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    DesignInput input = new DesignInput();

    @ArgGroup(exclusive = true, multiplicity = "1")
    FormChoice form;

    /** Exactly one of --fused and --unfused. */
    static final class FormChoice {
        @Option(names = "--fused", required = true, description = "every fusable region as one Conv")
        boolean fused;

        @Option(names = "--unfused", required = true, description = "the train-time graph in inference form")
        boolean unfused;

        @Option(names = "--pytorch", required = true,
                description = "a PyTorch package in folder OUT: model.py, weights, train.py (torchrun, DDP), README")
        boolean pytorch;
    }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the model file to write (a folder with --pytorch)")
    Path output;

    @Option(names = "--seed", description = "seed of the check input (and of random weights when the design has none); default ${DEFAULT-VALUE}")
    long seed = LoadedDesign.DEFAULT_SEED;

    @Option(names = "--tolerance", description = "largest max|ort-djl|/max|djl| accepted; default ${DEFAULT-VALUE}")
    double tolerance = 1e-6;

    @Option(names = "--batch", description = "batch size of the check input; default ${DEFAULT-VALUE}")
    int batch = 1;

    @Option(names = "--allow-partial", description = "with --fused: write the model even if some regions cannot be fused (they stay as they are)")
    boolean allowPartial;

    @Option(names = "--json", description = "print the export report as JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    Int8Options int8 = new Int8Options();

    @Override
    public Integer call() throws Exception {
        if (form.pytorch) {
            return PyTorchExportRun.run(input.path(), output, input.weightsOverride(), seed);
        }
        if (int8.requested()) {
            return Int8Export.run(input.path(), input.weightsOverride(), seed, tolerance, form.fused, allowPartial,
                    output, json, int8);
        }
        OnnxForm f = form.fused ? OnnxForm.FUSED : OnnxForm.UNFUSED;
        ExportOptions options = ExportOptions.defaults().withTolerance(tolerance).withSeed(seed).withBatch(batch);
        LoadedDesign d = input.load(seed);
        CommandFiles.require(input.reading(d).writes("-o", output));
        Designs.sayWeights(d);
        DesignExport.Outcome outcome;
        try {
            outcome = DesignExport.run(d, f, output, options, allowPartial, stage -> { });
        } catch (IOException e) {
            throw new BadInputException("cannot write " + output + ": " + describe(e));
        }
        if (outcome instanceof DesignExport.Mismatch m) {
            System.err.println("error: " + m.message());
            return 1;
        }
        if (outcome instanceof DesignExport.Refused r) {
            for (String refusal : r.refusals()) {
                System.err.println("REFUSED " + refusal);
            }
            System.err.println("error: " + r.refusals().size() + " region(s) cannot be fused; nothing "
                    + "written (--allow-partial writes them unfused)");
            return 1;
        }
        ExportReport report = ((DesignExport.Written) outcome).report();
        print(report, options);
        return 0;
    }

    private void print(ExportReport r, ExportOptions options) {
        if (json) {
            System.out.println(CliJson.text(toJson(r)));
            return;
        }
        DesignExport.describe(r, options).forEach(System.out::println);
    }

    static ObjectNode toJson(ExportReport r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("path", r.path().map(Path::toString).orElse(null));
        o.put("form", r.form().label());
        o.put("opset", r.opset());
        ObjectNode counts = o.putObject("nodeCounts");
        r.nodeCounts().forEach(counts::put);
        o.put("maxAbsDiff", r.maxAbsDiff());
        o.put("maxRelDiff", r.maxRelDiff());
        o.put("tolerance", r.tolerance());
        o.put("fileSize", r.fileSize());
        o.put("designHash", r.designHash());
        o.put("weightsHash", r.weightsHash());
        o.put("ortVersion", r.ortVersion());
        ArrayNode refusals = o.putArray("refusals");
        r.refusals().forEach(refusals::add);
        return o;
    }

    /** "AccessDeniedException: x" says less than its reason; NIO puts the reason in getReason(). */
    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
