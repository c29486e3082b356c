package org.repstudio.core.pytorch;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignGroup;

/**
 * How a design's nodes are named in the generated {@code model.py}: each node's module (and forward
 * variable) is its id, made a Python identifier where it is not one; a node inside a design group sits
 * under the group's module. {@link #moduleOf} is the state_dict prefix, e.g. {@code "conv3x3"} or
 * {@code "stage1.conv3x3"}. The export and the import share this one mapping.
 */
public final class TorchNames {

    /** Names Python, the generated module's own helpers or nn.Module already use. */
    private static final Set<String> TAKEN = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "self", "x", "torch", "nn", "F", "json", "os", "struct", "Scale", "Design", "build", "bias_pad",
            "bn_bias", "load_safetensors", "training", "forward", "train", "eval", "parameters", "buffers",
            "modules", "children", "to", "cuda", "cpu", "float", "double", "half", "type", "apply", "state_dict",
            "load_state_dict", "zero_grad", "register_buffer", "register_parameter", "add_module", "named_modules",
            "named_parameters", "named_buffers", "named_children", "requires_grad_", "extra_repr", "dump_patches");

    private final Map<String, String> identifier;
    private final Map<String, String> groupOf;
    private final Map<String, String> groupIdentifier;

    private TorchNames(Map<String, String> identifier, Map<String, String> groupOf, Map<String, String> groupIdentifier) {
        this.identifier = identifier;
        this.groupOf = groupOf;
        this.groupIdentifier = groupIdentifier;
    }

    public static TorchNames of(DesignFile design) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> used = new HashMap<>();
        Map<String, String> groupIds = new LinkedHashMap<>();
        for (DesignGroup g : design.groups()) {
            groupIds.put(g.id(), unique(g.id(), used));
        }
        for (String id : design.graph().nodes().keySet()) {
            ids.put(id, unique(id, used));
        }
        Map<String, String> groupOf = new HashMap<>();
        for (DesignGroup g : design.groups()) {
            for (String member : g.members()) {
                groupOf.putIfAbsent(member, g.id());
            }
        }
        return new TorchNames(ids, groupOf, groupIds);
    }

    /** The Python identifier of a node (variable and module attribute). */
    public String identifier(String nodeId) {
        return identifier.get(nodeId);
    }

    /** The group a node belongs to, or null. */
    public String groupOf(String nodeId) {
        return groupOf.get(nodeId);
    }

    public String groupIdentifier(String groupId) {
        return groupIdentifier.get(groupId);
    }

    /** The module's path in the state_dict: {@code [group.]identifier}. */
    public String moduleOf(String nodeId) {
        String g = groupOf.get(nodeId);
        return g == null ? identifier(nodeId) : groupIdentifier.get(g) + "." + identifier(nodeId);
    }

    /** RepStudio's parameter name and PyTorch's, for one op. */
    public record Param(String repstudio, String torch) {
    }

    /** The parameters a node's PyTorch module holds, in state_dict order (num_batches_tracked left out). */
    public static List<Param> paramsOf(Op op) {
        if (op instanceof Op.Conv c) {
            return c.bias() ? List.of(new Param("weight", "weight"), new Param("bias", "bias"))
                    : List.of(new Param("weight", "weight"));
        }
        if (op instanceof Op.Linear l) {
            return l.bias() ? List.of(new Param("weight", "weight"), new Param("bias", "bias"))
                    : List.of(new Param("weight", "weight"));
        }
        if (op instanceof Op.BatchNorm) {
            return List.of(new Param("gamma", "weight"), new Param("beta", "bias"), new Param("mean", "running_mean"),
                    new Param("var", "running_var"));
        }
        if (op instanceof Op.Scale) {
            return List.of(new Param("scale", "weight"));
        }
        if (op instanceof Op.PRelu) {
            return List.of(new Param("alpha", "weight"));
        }
        return List.of();
    }

    /** Every node with parameters, in graph order, mapped to its state_dict key per parameter. */
    public Map<String, Map<String, String>> stateDictKeys(Graph graph) {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (String id : graph.topologicalOrder().orElse(List.copyOf(graph.nodes().keySet()))) {
            List<Param> params = paramsOf(graph.node(id).op());
            if (params.isEmpty()) {
                continue;
            }
            Map<String, String> byParam = new LinkedHashMap<>();
            for (Param p : params) {
                byParam.put(p.repstudio(), moduleOf(id) + "." + p.torch());
            }
            keys.put(id, byParam);
        }
        return keys;
    }

    static String sanitize(String id) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, "n_");
        }
        String s = b.toString();
        return TAKEN.contains(s) ? s + "_" : s;
    }

    private static String unique(String id, Map<String, String> used) {
        String base = sanitize(id);
        String name = base;
        for (int i = 2; used.containsKey(name); i++) {
            name = base + "_" + i;
        }
        used.put(name, id);
        return name;
    }
}
