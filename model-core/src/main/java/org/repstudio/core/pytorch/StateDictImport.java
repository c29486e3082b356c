package org.repstudio.core.pytorch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.repstudio.core.algebra.Dirac;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ParamSpecs;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;

/**
 * Loads a state_dict into a design's weights by name: RepStudio's own names (those of the generated
 * model.py), or an official repo's layout ({@link OfficialLayout}), whose blocks are matched to the
 * design's add nodes in order and whose other modules (the classifier) to the design's remaining
 * parametric nodes in order. Never silent: missing keys, wrong shapes and non-float tensors are one
 * error listing them all; keys nothing reads are returned as {@link Result#unexpected()}; a deploy-form
 * (fused) checkpoint is recognised and refused as such.
 */
public final class StateDictImport {

    /** The design's new weights, the layout the keys were read in, and the keys nothing read. */
    public record Result(Weights weights, String layout, List<String> unexpected) {
    }

    /** A checkpoint key feeding one parameter of a node; DBB's identity-based 1x1 adds its identity. */
    private record Source(String key, String nodeId, String param, boolean plusIdentity) {
    }

    private StateDictImport() {
    }

    public static Result apply(DesignFile design, Map<String, RawTensor> stateDict, String source)
            throws CheckpointException {
        Graph graph = design.graph();
        TorchNames names = TorchNames.of(design);
        List<Source> own = ownSources(graph, names);
        long ownFound = own.stream().filter(s -> stateDict.containsKey(s.key())).count();
        if (ownFound == own.size()) {
            return load(graph, own, stateDict, source, "RepStudio node-id");
        }
        refuseDeployForm(stateDict, source);
        Optional<OfficialLayout> official = OfficialLayout.detect(stateDict.keySet());
        if (official.isEmpty() || ownFound > own.size() / 2) {
            refuseOwnDeployForm(design, stateDict, source);
            return load(graph, own, stateDict, source, "RepStudio node-id");
        }
        return load(graph, officialSources(graph, official.get(), stateDict, source), stateDict, source,
                "official " + official.get().label);
    }

    private static List<Source> ownSources(Graph graph, TorchNames names) {
        List<Source> out = new ArrayList<>();
        names.stateDictKeys(graph).forEach((node, params) -> params.forEach((param, key) ->
                out.add(new Source(key, node, param, false))));
        return out;
    }

    private static List<Source> officialSources(Graph graph, OfficialLayout layout, Map<String, RawTensor> sd,
                                                String source) throws CheckpointException {
        List<String> prefixes = blockPrefixes(sd.keySet(), layout);
        List<List<OfficialLayout.Role>> blocks = new ArrayList<>();
        for (String id : graph.topologicalOrder().orElseThrow()) {
            if (graph.node(id).op() instanceof Op.Add) {
                Branches b = Branches.of(graph, id);
                if (b != null) {
                    layout.roles(graph, b).ifPresent(blocks::add);
                }
            }
        }
        if (prefixes.size() != blocks.size()) {
            throw new CheckpointException(source + ": the checkpoint has " + prefixes.size() + " " + layout.label
                    + " block(s) (" + abbreviate(prefixes.stream().map(p -> p.isEmpty() ? "(top level)" : p).toList())
                    + "), the design has " + blocks.size());
        }
        List<Source> out = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            for (OfficialLayout.Role role : blocks.get(i)) {
                covered.add(role.nodeId());
                String module = prefixes.get(i) + role.module();
                boolean identityBased = module.endsWith("dbb_1x1_kxk.conv1")
                        && !sd.containsKey(module + ".weight") && sd.containsKey(module.replace(".conv1", ".idconv1") + ".weight");
                if (identityBased) {
                    module = module.replace(".conv1", ".idconv1");
                }
                for (TorchNames.Param p : TorchNames.paramsOf(graph.node(role.nodeId()).op())) {
                    out.add(new Source(module + "." + p.torch(), role.nodeId(), p.repstudio(), identityBased));
                }
            }
        }
        out.addAll(otherModules(graph, covered, sd, prefixes, layout, source));
        return out;
    }

    /** Parametric nodes outside the blocks (stem convs, the classifier) matched in order to the other modules. */
    private static List<Source> otherModules(Graph graph, Set<String> covered, Map<String, RawTensor> sd,
                                             List<String> prefixes, OfficialLayout layout, String source)
            throws CheckpointException {
        List<String> nodes = new ArrayList<>();
        for (String id : graph.topologicalOrder().orElseThrow()) {
            if (!covered.contains(id) && !TorchNames.paramsOf(graph.node(id).op()).isEmpty()) {
                nodes.add(id);
            }
        }
        Set<String> modules = new LinkedHashSet<>();
        for (String key : sd.keySet()) {
            if (blockPrefix(key, layout) == null && key.contains(".")) {
                modules.add(key.substring(0, key.lastIndexOf('.')));
            }
        }
        if (modules.size() != nodes.size()) {
            throw new CheckpointException(source + ": besides its " + prefixes.size() + " " + layout.label
                    + " blocks the checkpoint has " + modules.size() + " module(s) (" + abbreviate(List.copyOf(modules))
                    + "), the design has " + nodes.size() + " other node(s) with parameters (" + abbreviate(nodes) + ")");
        }
        List<Source> out = new ArrayList<>();
        List<String> moduleList = List.copyOf(modules);
        for (int i = 0; i < nodes.size(); i++) {
            for (TorchNames.Param p : TorchNames.paramsOf(graph.node(nodes.get(i)).op())) {
                out.add(new Source(moduleList.get(i) + "." + p.torch(), nodes.get(i), p.repstudio(), false));
            }
        }
        return out;
    }

    /** Block prefixes ("", "stage0.", "stage1.0."...) in the order the checkpoint lists them. */
    private static List<String> blockPrefixes(Set<String> keys, OfficialLayout layout) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String key : keys) {
            String p = blockPrefix(key, layout);
            if (p != null) {
                prefixes.add(p);
            }
        }
        return List.copyOf(prefixes);
    }

    private static String blockPrefix(String key, OfficialLayout layout) {
        String[] segments = key.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (String s : segments) {
            if (layout.markers.contains(s)) {
                return prefix.toString();
            }
            prefix.append(s).append('.');
        }
        return null;
    }

    private static Result load(Graph graph, List<Source> sources, Map<String, RawTensor> sd, String source,
                               String layout) throws CheckpointException {
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Map<String, Tensor>> byNode = new LinkedHashMap<>();
        Set<String> read = new LinkedHashSet<>();
        for (Source s : sources) {
            RawTensor raw = sd.get(s.key());
            if (raw == null) {
                missing.add(s.key() + " (node '" + s.nodeId() + "' " + s.param() + ")");
                continue;
            }
            read.add(s.key());
            Node node = graph.node(s.nodeId());
            int[] expected = ParamSpecs.of(node.op(), shapes.get(graph.inputsOf(s.nodeId()).get(0))).get(s.param());
            if (!raw.dtype().floating()) {
                wrong.add(s.key() + ": " + raw.dtype().torchName() + ", not a float type");
            } else if (!Arrays.equals(raw.shape(), expected)) {
                wrong.add(s.key() + ": shape " + Arrays.toString(raw.shape()) + ", node '" + s.nodeId() + "' "
                        + s.param() + " needs " + Arrays.toString(expected));
            } else {
                Tensor t = raw.toTensor();
                if (s.plusIdentity()) {
                    t = plus(t, Dirac.identity(expected[0], ((Op.Conv) node.op()).groups(), 1, 1).weight());
                }
                byNode.computeIfAbsent(s.nodeId(), k -> new LinkedHashMap<>()).put(s.param(), t);
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty()) {
            StringBuilder m = new StringBuilder(source + " does not fit the design (" + layout + " layout):");
            if (!missing.isEmpty()) {
                m.append("\n  missing ").append(missing.size()).append(" key(s): ").append(abbreviate(missing));
            }
            for (String w : wrong.subList(0, Math.min(wrong.size(), 20))) {
                m.append("\n  ").append(w);
            }
            if (wrong.size() > 20) {
                m.append("\n  ... and ").append(wrong.size() - 20).append(" more");
            }
            throw new CheckpointException(m.toString());
        }
        List<String> unexpected = sd.keySet().stream()
                .filter(k -> !read.contains(k) && !k.endsWith("num_batches_tracked")).toList();
        return new Result(new Weights(byNode), layout, unexpected);
    }

    private static Tensor plus(Tensor a, Tensor b) {
        double[] v = a.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += b.data()[i];
        }
        return new Tensor(a.shape(), v);
    }

    /** Deploy (fused) forms of the official blocks say so in their module names. */
    private static void refuseDeployForm(Map<String, RawTensor> sd, String source)
            throws CheckpointException {
        for (String key : sd.keySet()) {
            for (String segment : key.split("\\.")) {
                for (OfficialLayout l : OfficialLayout.values()) {
                    if (l.deployMarkers.contains(segment)) {
                        throw new CheckpointException(source + " is a deploy-form (fused) " + l.label + " checkpoint ('"
                                + key + "'): its branches are already fused into one conv, so it cannot load into the"
                                + " training-time design; import the training-time checkpoint");
                    }
                }
            }
        }
    }

    /** A checkpoint of this design's own fused form (as export --pytorch of the fused design names it). */
    private static void refuseOwnDeployForm(DesignFile design, Map<String, RawTensor> sd, String source)
            throws CheckpointException {
        Graph fused;
        try {
            fused = FusionPlanner.fuse(design.graph(), RandomWeights.generate(design.graph(), 1), false).fused();
        } catch (RuntimeException e) {
            return; // a design that cannot be fused has no deploy form to recognise
        }
        Map<String, Map<String, String>> keys = TorchNames.of(DesignFile.of("", "", "", fused)).stateDictKeys(fused);
        boolean all = !keys.isEmpty() && keys.values().stream().allMatch(m -> sd.keySet().containsAll(m.values()));
        if (all && !fused.equals(design.graph())) {
            throw new CheckpointException(source + " holds the design's deploy (fused) form: its keys are those of"
                    + " the fused design, not of the training-time branches. Import the training-time checkpoint,"
                    + " or export the fused design with --pytorch and use its checkpoint there");
        }
    }

    static String abbreviate(List<String> items) {
        if (items.size() <= 12) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 12)) + ", ... (" + items.size() + " in all)";
    }
}
