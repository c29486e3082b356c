package org.repstudio.core.design;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.repstudio.core.onnx.ExportCheckException;
import org.repstudio.core.onnx.ExportOptions;
import org.repstudio.core.onnx.ExportReport;
import org.repstudio.core.onnx.OnnxExporter;
import org.repstudio.core.onnx.OnnxForm;
import org.repstudio.core.onnx.OnnxModel;

/**
 * Exporting a loaded design as ONNX, the one way {@code ./repstudio export} and File &gt; Export ONNX… both do
 * it: the target is checked first, the model is built with the method's fusion rewrites, ONNX Runtime runs it
 * against DJL, and only a model that passes (and, fused, leaves no region unfused unless allowed) is written.
 */
public final class DesignExport {

    /** What the export is doing, for progress. */
    public enum Stage {
        /** Building the model and running it in ONNX Runtime and DJL. */
        CHECKING,
        /** Writing the checked model (temporary name, then one rename). */
        WRITING
    }

    /** How an export ended; nothing is written unless {@link Written}. */
    public sealed interface Outcome {
    }

    /** The model passed its check and is at {@code report.path()}. */
    public record Written(ExportReport report) implements Outcome {
    }

    /** A fused export would leave these regions unfused ("region: reason"); nothing written. */
    public record Refused(List<String> refusals) implements Outcome {
    }

    /** ONNX Runtime disagrees with DJL beyond the tolerance; nothing written. */
    public record Mismatch(ExportReport report, String message) implements Outcome {
    }

    private DesignExport() {
    }

    /** The report as lines of text, what the CLI prints and the app's export window shows. */
    public static List<String> describe(ExportReport r, ExportOptions options) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format("wrote %s: %s ONNX, opset %d, %d nodes %s, %d bytes",
                r.path().map(Path::toString).orElse("(not written)"), r.form().label(), r.opset(), r.nodes(),
                r.nodeCounts(), r.fileSize()));
        lines.add(String.format("check: ONNX Runtime %s vs DJL float32, seed %d, batch %d: maxAbsDiff %.3e, "
                        + "maxRelDiff %.3e (tolerance %.1e)", r.ortVersion(), options.seed(), options.batch(),
                r.maxAbsDiff(), r.maxRelDiff(), r.tolerance()));
        for (String refusal : r.refusals()) {
            lines.add("left unfused: " + refusal);
        }
        lines.add("design sha256 " + r.designHash());
        return lines;
    }

    /**
     * Exports {@code design} to {@code output}.
     *
     * @param allowPartial write a fused model even when some regions stay unfused
     * @param progress     told each stage as it starts (on the calling thread)
     * @throws IOException when {@code output} cannot be written (checked before any work) or the write fails
     */
    public static Outcome run(LoadedDesign design, OnnxForm form, Path output, ExportOptions options,
                              boolean allowPartial, Consumer<Stage> progress) throws IOException {
        OnnxExporter.checkWritable(output);
        progress.accept(Stage.CHECKING);
        OnnxModel model;
        try {
            model = OnnxExporter.export(design.graph(), design.weights(), form, options, design.method().fusion(false));
        } catch (ExportCheckException e) {
            return new Mismatch(e.report(), e.getMessage());
        }
        if (!model.report().refusals().isEmpty() && !allowPartial) {
            return new Refused(model.report().refusals());
        }
        progress.accept(Stage.WRITING);
        return new Written(OnnxExporter.save(output, model));
    }
}
