package org.repstudio.core.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.Comparison;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.engine.GraphRunner;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.InvalidDesignException;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.AppVersion;

/**
 * Exports a design as ONNX (opset 17; input {@code input} [N, C, H, W], output {@code output}; N is a
 * dynamic batch) in its unfused or fused form, and checks every export: ONNX Runtime runs the model bytes
 * on a standard-normal input, DJL runs the same graph on the same input, and a max relative difference above
 * the tolerance is an {@link ExportCheckException}. Provenance (design and weights hashes, app version,
 * form, the measured error) goes into the model's metadata.
 */
public final class OnnxExporter {

    private OnnxExporter() {
    }

    /**
     * Builds and checks the model in memory.
     *
     * @throws InvalidDesignException when the graph is invalid or the weights do not fit it (naming node and
     *                                field)
     * @throws ExportCheckException   when ONNX Runtime and DJL disagree beyond the tolerance
     */
    public static OnnxModel export(Graph graph, Weights weights, OnnxForm form, ExportOptions options) {
        return export(graph, weights, form, options, new FusionOptions(false, false, 0));
    }

    /** As above, fusing with {@code fusion} (a design's method may ask for RMNet or ResRep). */
    public static OnnxModel export(Graph graph, Weights weights, OnnxForm form, ExportOptions options,
                                   FusionOptions fusion) {
        requireValid(graph, weights);
        if (form == OnnxForm.UNFUSED) {
            return checked(graph, weights, graph, weights, form, List.of(), options);
        }
        FusionTrace trace = FusionPlanner.fuse(graph, weights, fusion);
        List<String> refusals = new ArrayList<>();
        for (Refusal r : trace.refusals()) {
            refusals.add(r.region() + ": " + r.reason());
        }
        return checked(graph, weights, trace.fused(), trace.fusedWeights(), form, refusals, options);
    }

    /**
     * Writes {@code g} with weights {@code w} (the source design itself, or what it fused into), checks it
     * and stamps the provenance of the source design.
     */
    static OnnxModel checked(Graph source, Weights sourceWeights, Graph g, Weights w, OnnxForm form,
                             List<String> refusals, ExportOptions options) {
        ModelProto model = OnnxGraphWriter.write(g, w, "repstudio_" + form.label());
        Comparison cmp = check(model.toByteArray(), g, w, options);
        ExportReport report = new ExportReport(Optional.empty(), form, OnnxGraphWriter.OPSET, opCounts(model),
                cmp.maxAbsDiff(), cmp.maxRelDiff(), options.tolerance(), 0, DesignHash.of(source),
                DesignHash.of(sourceWeights), refusals, OrtRuntime.version(), cmp.outputShape());
        if (!(cmp.maxRelDiff() <= options.tolerance())) { // NaN fails too
            throw new ExportCheckException(report);
        }
        String version = AppVersion.CURRENT;
        ModelProto stamped = OnnxMetadata.stamp(model, version,
                OnnxMetadata.of(report, version, options.batch(), options.seed()));
        byte[] bytes = stamped.toByteArray();
        return new OnnxModel(bytes, report.sized(bytes.length));
    }

    /**
     * Builds, checks and writes the model to {@code target} under a temporary name, renamed into place only
     * once complete. Nothing is left behind on any failure.
     *
     * @throws IOException when {@code target} cannot be written (checked before any work is done)
     */
    public static ExportReport write(Path target, Graph graph, Weights weights, OnnxForm form, ExportOptions options)
            throws IOException {
        checkWritable(target);
        return save(target, export(graph, weights, form, options));
    }

    /** Writes a checked model to {@code target} atomically (temporary name, then one rename). */
    public static ExportReport save(Path target, OnnxModel model) throws IOException {
        checkWritable(target);
        OnnxFiles.write(target, model.rawBytes());
        return model.report().at(target);
    }

    /**
     * Fails when {@code target} cannot be written: its folder is missing or not writable, or it names a folder.
     * Callers use it to refuse before a long export rather than after.
     */
    public static void checkWritable(Path target) throws IOException {
        OnnxFiles.requireWritable(target);
    }

    /** Graph problems and weights that do not fit, as one exception naming nodes and fields. */
    static void requireValid(Graph graph, Weights weights) {
        List<Problem> problems = Validator.validate(graph);
        if (!problems.isEmpty()) {
            throw new InvalidDesignException(problems);
        }
        FusionPlanner.checkWeights(graph, weights);
    }

    /** ONNX Runtime on the model bytes vs DJL on the graph, same standard-normal input. */
    private static Comparison check(byte[] bytes, Graph g, Weights w, ExportOptions options) {
        long[] shape = ShapeInference.infer(g).shapes().get(g.inputIds().get(0)).withBatch(options.batch());
        Tensor x = Equivalence.standardNormal(shape, options.seed());
        Tensor djl = GraphRunner.run(g, w, x);
        Tensor ort;
        try (OrtSession.SessionOptions so = OrtRuntime.options(0, CHECK_LEVEL, true);
             OrtSession session = OrtRuntime.open(bytes, so)) {
            ort = OrtRuntime.run(session, x);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported model: " + e.getMessage(), e);
        }
        return Equivalence.compareOutputs(djl, ort);
    }

    /**
     * The check runs the model as a deployment would, with ONNX Runtime's own graph optimizations on (BN folded
     * into Conv, NCHWc layouts...), so the figure covers what users will get. Two float32 engines disagree by
     * rounding alone: about 1e-7 of the output's range on small kernels, towards 1e-6 on 31x31 depthwise ones.
     */
    static final OrtSession.SessionOptions.OptLevel CHECK_LEVEL = OrtSession.SessionOptions.OptLevel.ALL_OPT;

    static Map<String, Integer> opCounts(ModelProto model) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        return counts;
    }
}
