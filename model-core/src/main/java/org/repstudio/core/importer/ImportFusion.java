package org.repstudio.core.importer;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.FusionOptions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionStep;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.fusion.Refusal;
import org.repstudio.core.fusion.Region;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.onnx.DesignToOnnx;

/**
 * Fuses an imported model and certifies the result: the planner collapses every exact region; a region whose
 * fused conv costs more multiply-accumulates than its branches is put back as it was (unless asked to fuse
 * all); the design is written as ONNX under the original's opset, input and output names; and ONNX Runtime
 * runs the fused file beside the user's original file on the same inputs.
 */
public final class ImportFusion {

    private ImportFusion() {
    }

    /**
     * @param fuseAll   fuse a region even when its fused conv costs more MACs than its branches
     * @param rmnet     also remove ResNet residuals (RMNet), which fusion alone cannot absorb
     * @param tolerance the largest max relative difference of the outputs accepted
     * @param seed      seed of the random input
     * @param batch     batch size of the random input
     * @param userInput the user's own input tensor [N, C, H, W], if any
     */
    public record Options(boolean fuseAll, boolean rmnet, double tolerance, long seed, int batch,
                          Optional<Tensor> userInput) {
        public static Options defaults() {
            return new Options(false, false, 1e-6, 42, 2, Optional.empty());
        }
    }

    /** The fused model's bytes (write them only when the report is within tolerance) and its certificate. */
    public record Result(byte[] bytes, Graph graph, Weights weights, ImportReport report) {
    }

    public static Result fuse(ImportedModel m, Options o, double importMillis) {
        Map<String, Double> millis = new LinkedHashMap<>();
        millis.put("import", importMillis);
        long t0 = System.nanoTime();
        FusionTrace trace = FusionPlanner.fuse(m.graph(), m.weights(), new FusionOptions(false, o.rmnet(), 0));
        Map<String, TensorShape> before = ShapeInference.infer(m.graph()).shapes();
        Map<String, TensorShape> after = ShapeInference.infer(trace.fused()).shapes();
        Graph g = trace.fused();
        Weights w = trace.fusedWeights();
        List<RegionReport> regions = new ArrayList<>();
        Map<String, String> fusedNodeOf = new LinkedHashMap<>();
        for (Region r : trace.regions()) {
            List<FusionStep> steps = trace.steps().stream().filter(s -> s.region().equals(r.exit())).toList();
            if (steps.isEmpty()) {
                continue; // a plain conv already, or refused
            }
            String out = steps.get(steps.size() - 1).nodeOut();
            boolean inOriginal = r.nodes().stream().allMatch(m.graph()::contains);
            long macsBefore = inOriginal ? r.nodes().stream().mapToLong(id -> OpCost.of(m.graph(), id, before)).sum() : -1;
            long macsAfter = g.contains(out) ? OpCost.of(g, out, after) : -1;
            List<String> rules = steps.stream().map(s -> s.rule().displayName()).toList();
            if (inOriginal && macsAfter > macsBefore && !o.fuseAll() && g.contains(out)) {
                Graph restored = restore(g, out, m.graph(), r);
                w = restoreWeights(w, out, m.weights(), r);
                g = restored;
                regions.add(new RegionReport(r.exit(), rules, r.nodes().size(), r.nodes().size(), macsBefore, macsAfter,
                        false, "left unfused: the fused conv costs " + macsAfter + " MACs, its branches " + macsBefore
                        + " (--fuse-all fuses it anyway)", Double.NaN));
            } else {
                regions.add(new RegionReport(r.exit(), rules, r.nodes().size(), 1, macsBefore, macsAfter, true, "",
                        Double.NaN));
                fusedNodeOf.put(r.exit(), out);
            }
        }
        for (FusionStep s : trace.steps()) {
            if (trace.regions().stream().noneMatch(r -> r.exit().equals(s.region()))) {
                regions.add(new RegionReport(s.region(), List.of(s.rule().displayName()), s.nodesIn().size(), 1, -1, -1,
                        true, "", Double.NaN)); // RMNet's rewrites, outside the linear regions
            }
        }
        millis.put("fuse", (System.nanoTime() - t0) / 1e6);

        long t1 = System.nanoTime();
        ModelProto fused = asOriginal(DesignToOnnx.write(g, w, m.original().getGraph().getName() + "_fused"), m);
        millis.put("export", (System.nanoTime() - t1) / 1e6);

        long t2 = System.nanoTime();
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(m.outputName(), m.outputName());
        Map<String, String> regionOfValue = new LinkedHashMap<>();
        Set<String> fusedValues = fusedValueNames(fused);
        for (Map.Entry<String, String> e : fusedNodeOf.entrySet()) {
            String orig = m.onnxValueOf().get(e.getKey());
            String fusedValue = valueOfNode(fused, e.getValue());
            if (orig != null && fusedValue != null && fusedValues.contains(fusedValue) && !pairs.containsKey(orig)) {
                pairs.put(orig, fusedValue);
                regionOfValue.put(orig, e.getKey());
            }
        }
        List<Tensor> inputs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        long[] shape = inputShape(m, o.batch());
        inputs.addAll(OrtCertificate.randomInputs(shape, o.seed()));
        described.add("random N(0,1) " + java.util.Arrays.toString(shape) + ", seed " + o.seed());
        o.userInput().ifPresent(x -> {
            inputs.add(x);
            described.add("the user's input " + java.util.Arrays.toString(x.shape()));
        });
        Map<String, OrtCertificate.Diff> diffs = OrtCertificate.compare(m.original(), fused, m.inputName(), inputs, pairs);
        millis.put("certify", (System.nanoTime() - t2) / 1e6);

        Optional<String> firstDiverging = Optional.empty();
        List<RegionReport> measured = new ArrayList<>();
        for (RegionReport r : regions) {
            String value = r.fused() ? m.onnxValueOf().get(r.region()) : null;
            OrtCertificate.Diff d = value != null && regionOfValue.containsKey(value) ? diffs.get(value) : null;
            RegionReport withErr = d == null ? r : r.withError(d.rel());
            if (d != null && !(d.rel() <= o.tolerance()) && firstDiverging.isEmpty()) {
                firstDiverging = Optional.of(r.region());
            }
            measured.add(withErr);
        }
        OrtCertificate.Diff out = diffs.get(m.outputName());
        List<String> refusals = new ArrayList<>();
        for (Refusal r : trace.refusals()) {
            refusals.add(r.region() + ": " + r.reason());
        }
        ImportReport report = new ImportReport(m.original().getGraph().getName(), m.opset(), m.opaque(),
                opCounts(m.original()), opCounts(fused), measured, refusals, out.maxAbs(), out.rel(), o.tolerance(),
                firstDiverging, described, OrtProbe.environment().getVersion(), millis);
        ModelProto stamped = stamp(fused, report);
        return new Result(stamped.toByteArray(), g, w, report);
    }

    /** The fused node replaced by the region's original nodes, its consumers reading the region's exit again. */
    private static Graph restore(Graph fused, String out, Graph original, Region r) {
        List<Edge> consumers = fused.edges().stream().filter(e -> e.from().equals(out)).toList();
        Graph g = fused.withoutNode(out);
        Set<String> members = new HashSet<>(r.nodes());
        for (String id : r.nodes()) {
            g = g.withNode(original.node(id));
        }
        for (Edge e : original.edges()) {
            if (members.contains(e.to())) {
                g = g.withEdge(e);
            }
        }
        for (Edge e : consumers) {
            g = g.withEdge(new Edge(r.exit(), e.to(), e.port()));
        }
        return g;
    }

    private static Weights restoreWeights(Weights fused, String out, Weights original, Region r) {
        Weights w = fused.without(out);
        for (String id : r.nodes()) {
            if (!original.of(id).isEmpty()) {
                w = w.with(id, original.of(id));
            }
        }
        return w;
    }

    /** Opsets, IR version, input and output names as in the original, so the file drops in where it was. */
    private static ModelProto asOriginal(ModelProto written, ImportedModel m) {
        ModelProto.Builder b = written.toBuilder().clearOpsetImport().addAllOpsetImport(m.original().getOpsetImportList())
                .setIrVersion(m.original().getIrVersion());
        Map<String, String> rename = Map.of("input", m.inputName(), "output", m.outputName());
        var g = b.getGraphBuilder();
        Set<String> taken = fusedValueNames(written);
        for (Map.Entry<String, String> e : rename.entrySet()) {
            if (!e.getKey().equals(e.getValue()) && taken.contains(e.getValue())) {
                throw new IllegalStateException("the fused model already has a value named '" + e.getValue() + "'");
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder n = g.getNodeBuilder(i);
            for (int k = 0; k < n.getInputCount(); k++) {
                n.setInput(k, rename.getOrDefault(n.getInput(k), n.getInput(k)));
            }
            for (int k = 0; k < n.getOutputCount(); k++) {
                n.setOutput(k, rename.getOrDefault(n.getOutput(k), n.getOutput(k)));
            }
        }
        for (ValueInfoProto.Builder v : g.getInputBuilderList()) {
            v.setName(rename.getOrDefault(v.getName(), v.getName()));
        }
        for (ValueInfoProto.Builder v : g.getOutputBuilderList()) {
            v.setName(rename.getOrDefault(v.getName(), v.getName()));
        }
        return b.build();
    }

    private static ModelProto stamp(ModelProto m, ImportReport r) {
        return m.toBuilder().setProducerName("RepStudio").addMetadataProps(StringStringEntryProto.newBuilder()
                        .setKey("repstudio.certificate").setValue(String.format("fused from %s; ONNX Runtime %s: max abs"
                                + " diff %.3e, max rel diff %.3e against the original on %s", r.source(),
                                r.ortVersion(), r.maxAbsDiff(), r.maxRelDiff(), String.join(" and ", r.inputs()))))
                .build();
    }

    private static Set<String> fusedValueNames(ModelProto m) {
        Set<String> s = new HashSet<>();
        for (NodeProto n : m.getGraph().getNodeList()) {
            s.addAll(n.getOutputList());
        }
        m.getGraph().getInputList().forEach(v -> s.add(v.getName()));
        return s;
    }

    private static String valueOfNode(ModelProto m, String nodeName) {
        for (NodeProto n : m.getGraph().getNodeList()) {
            if (n.getName().equals(nodeName)) {
                return n.getOutput(0);
            }
        }
        return null;
    }

    private static long[] inputShape(ImportedModel m, int batch) {
        TensorShape s = ShapeInference.infer(m.graph()).shapes().get(m.graph().inputIds().get(0));
        return new long[] {batch, s.channels(), s.height(), s.width()};
    }

    static Map<String, Integer> opCounts(ModelProto model) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        return counts;
    }
}
