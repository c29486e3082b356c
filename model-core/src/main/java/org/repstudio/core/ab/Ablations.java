package org.repstudio.core.ab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

/**
 * A block's ablations, as in the RepVGG paper's table. {@link Mode#REMOVAL}: for every sum whose branches are
 * of two or more kinds, each kind removed in turn (all branches of that kind, so MobileOne's four parallel 3x3s go together). A
 * branch is what feeds one input of the sum and nothing else; its kind is the chain of ops it runs (say
 * {@code conv1x1+batchnorm}, or {@code batchnorm} for RepVGG's identity). A sum left with one input is
 * replaced by that input. {@link Mode#CUMULATIVE}: the kinds added one at a time in the order the sum reads
 * them (RepVGG: 3x3 only, 3x3 + 1x1; the full block is the re-param arm itself).
 */
public final class Ablations {

    /** Which ablation arms an A/B adds. */
    public enum Mode {
        /** None: re-param against plain only. */
        NONE,
        /** Each branch kind removed in turn ({@code without KIND}). */
        REMOVAL,
        /** The first kind alone, then the kinds added one by one up to (not including) the full block. */
        CUMULATIVE
    }

    private Ablations() {
    }

    /** The ablation arms of {@code mode}; empty for {@link Mode#NONE} or a single-path block. */
    public static List<Arm> of(Graph block, Mode mode) {
        return switch (mode) {
            case NONE -> List.of();
            case REMOVAL -> of(block);
            case CUMULATIVE -> cumulative(block);
        };
    }

    /**
     * For every mixed sum, one arm per proper prefix of its kinds in reading order, labelled {@code only KIND}
     * for the first and {@code KIND1 + KIND2 ...} after; for MobileOne's depthwise sum, say, the parallel
     * 3x3s alone, then with the 1x1, and the full block (with the BN identity) is the re-param arm.
     */
    public static List<Arm> cumulative(Graph block) {
        List<Arm> arms = new ArrayList<>();
        for (String sum : block.topologicalOrder().orElseThrow()) {
            if (!(block.node(sum).op() instanceof Op.Add)) {
                continue;
            }
            List<Map.Entry<String, List<Set<String>>>> kinds = new ArrayList<>(branchesByKind(block, sum).entrySet());
            Map<String, String> names = names(paperNames(block, kinds));
            for (int keep = 1; keep < kinds.size(); keep++) {
                List<Set<String>> removed = new ArrayList<>();
                kinds.subList(keep, kinds.size()).forEach(k -> removed.addAll(k.getValue()));
                String label = keep == 1 ? "only " + names.get(kinds.get(0).getKey())
                        : kinds.subList(0, keep).stream().map(k -> names.get(k.getKey())).collect(Collectors.joining(" + "));
                arms.add(new Arm(label, Arm.Kind.ABLATION, without(block, sum, removed)));
            }
        }
        return arms;
    }

    /** One arm per branch kind of each mixed sum, labelled {@code without KIND}; empty for a single-path block. */
    public static List<Arm> of(Graph block) {
        List<Arm> arms = new ArrayList<>();
        for (String sum : block.topologicalOrder().orElseThrow()) {
            if (!(block.node(sum).op() instanceof Op.Add)) {
                continue;
            }
            Map<String, List<Set<String>>> byKind = branchesByKind(block, sum);
            if (byKind.size() < 2) {
                continue;
            }
            Map<String, String> names = names(paperNames(block, List.copyOf(byKind.entrySet())));
            for (Map.Entry<String, List<Set<String>>> kind : byKind.entrySet()) {
                arms.add(new Arm("without " + names.get(kind.getKey()), Arm.Kind.ABLATION,
                        without(block, sum, kind.getValue())));
            }
        }
        return arms;
    }

    /** The branches into {@code sum}, grouped by kind in the order the sum reads them. */
    static Map<String, List<Set<String>>> branchesByKind(Graph g, String sum) {
        List<String> feeds = g.inputsOf(sum);
        List<Set<String>> branches = new ArrayList<>();
        for (String feed : feeds) {
            branches.add(upstream(g, feed));
        }
        Map<String, List<Set<String>>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < feeds.size(); i++) {
            Set<String> own = new HashSet<>(branches.get(i));
            for (int j = 0; j < feeds.size(); j++) {
                if (j != i) {
                    own.removeAll(branches.get(j));
                }
            }
            own.removeIf(id -> g.node(id).op() instanceof Op.Input);
            byKind.computeIfAbsent(kindOf(g, own), k -> new ArrayList<>()).add(own);
        }
        return byKind;
    }

    private static Set<String> upstream(Graph g, String from) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            if (seen.add(id)) {
                todo.addAll(g.inputsOf(id));
            }
        }
        return seen;
    }

    /**
     * What each kind is called: the papers' names ({@link #paperName}) where they tell the kinds apart, else
     * the full chains (a {@code conv3x3} beside a {@code conv3x3+batchnorm}).
     */
    static Map<String, String> names(Map<String, String> paperNameByChain) {
        boolean distinct = new HashSet<>(paperNameByChain.values()).size() == paperNameByChain.size();
        Map<String, String> names = new LinkedHashMap<>();
        paperNameByChain.forEach((chain, paper) -> names.put(chain, distinct ? paper : chain));
        return names;
    }

    private static Map<String, String> paperNames(Graph g, List<Map.Entry<String, List<Set<String>>>> kinds) {
        Map<String, String> out = new LinkedHashMap<>();
        kinds.forEach(k -> out.put(k.getKey(), paperName(g, k.getValue().get(0))));
        return out;
    }

    /**
     * A branch as the papers name it ("3x3", "1x1", "BN identity", "1x1+avgpool3x3"): a BN after an op and a pad
     * are left out, a lone BN is the identity branch's.
     */
    private static String paperName(Graph g, Set<String> branch) {
        List<Op> ops = g.topologicalOrder().orElseThrow().stream().filter(branch::contains)
                .map(id -> g.node(id).op()).toList();
        if (ops.isEmpty()) {
            return "identity";
        }
        if (ops.size() == 1 && ops.get(0) instanceof Op.BatchNorm) {
            return "BN identity";
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (!(op instanceof Op.Pad) && !(op instanceof Op.BatchNorm && i > 0)) {
                kept.add(op instanceof Op.Conv c ? (c.groups() > 1 ? "dw" : "") + c.kernelH() + "x" + c.kernelW()
                        : describe(op));
            }
        }
        return String.join("+", kept);
    }

    private static String kindOf(Graph g, Set<String> branch) {
        if (branch.isEmpty()) {
            return "identity";
        }
        return g.topologicalOrder().orElseThrow().stream().filter(branch::contains)
                .map(id -> describe(g.node(id).op())).collect(Collectors.joining("+"));
    }

    private static String describe(Op op) {
        if (op instanceof Op.Conv c) {
            return (c.groups() > 1 ? "dwconv" : "conv") + c.kernelH() + "x" + c.kernelW();
        }
        if (op instanceof Op.AvgPool p) {
            return "avgpool" + p.kernelH() + "x" + p.kernelW();
        }
        return op.kind();
    }

    private static Graph without(Graph block, String sum, List<Set<String>> removed) {
        Set<String> gone = new HashSet<>();
        removed.forEach(gone::addAll);
        List<String> kept = new ArrayList<>();
        List<String> feeds = block.inputsOf(sum);
        for (int i = 0; i < feeds.size(); i++) {
            if (!containsBranchFeed(removed, feeds.get(i), block)) {
                kept.add(feeds.get(i));
            }
        }
        Graph g = block.withInputs(sum, kept);
        for (String id : gone) {
            g = g.withoutNode(id);
        }
        if (kept.size() == 1) {
            g = g.rewire(sum, kept.get(0)).withoutNode(sum);
        }
        return g;
    }

    /** True when {@code feed} is the end of one of the removed branches (an empty branch is the input itself). */
    private static boolean containsBranchFeed(List<Set<String>> removed, String feed, Graph g) {
        for (Set<String> branch : removed) {
            if (branch.contains(feed) || branch.isEmpty() && g.node(feed).op() instanceof Op.Input) {
                return true;
            }
        }
        return false;
    }
}
