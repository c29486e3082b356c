package org.repstudio.core.pytorch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

/**
 * The key layouts of the official repos' re-param blocks, each as the module names its branches use.
 * {@link #roles} names the modules of one block of a design (an add node and its branches), or says the
 * block is not of this kind. The names follow the papers' reference implementations' structure:
 * RepVGG {@code rbr_dense.conv/bn, rbr_1x1.conv/bn, rbr_identity}; ACNet {@code square_conv/bn,
 * hor_conv/bn (1xK), ver_conv/bn (Kx1)}; DBB {@code dbb_origin, dbb_1x1, dbb_avg (conv, bn.bn, avgbn),
 * dbb_1x1_kxk (idconv1 or conv1, bn1.bn, conv2, bn2)}; MobileOne {@code rbr_skip, rbr_conv.N.conv/bn,
 * rbr_scale.conv/bn}; RepGhost {@code primary_conv.0/1, cheap_operation.0/1, fusion_bn.0}; RepLKNet
 * {@code lkb_origin.conv/bn, small_conv.conv/bn}.
 */
enum OfficialLayout {
    REPVGG("RepVGG", Set.of("rbr_dense", "rbr_1x1", "rbr_identity"), Set.of("rbr_reparam")),
    MOBILEONE("MobileOne", Set.of("rbr_skip", "rbr_conv", "rbr_scale"), Set.of("reparam_conv", "rbr_reparam")),
    ACNET("ACNet", Set.of("square_conv", "square_bn", "ver_conv", "ver_bn", "hor_conv", "hor_bn"),
            Set.of("fused_conv")),
    DBB("DBB", Set.of("dbb_origin", "dbb_avg", "dbb_1x1", "dbb_1x1_kxk"), Set.of("dbb_reparam")),
    REPGHOST("RepGhost", Set.of("primary_conv", "cheap_operation", "fusion_bn"), Set.of()),
    REPLK("RepLKNet", Set.of("lkb_origin", "small_conv"), Set.of("lkb_reparam"));

    final String label;
    /** Module names that only this layout's training-time blocks use. */
    final Set<String> markers;
    /** Module names of its deploy (fused) form. */
    final Set<String> deployMarkers;

    OfficialLayout(String label, Set<String> markers, Set<String> deployMarkers) {
        this.label = label;
        this.markers = markers;
        this.deployMarkers = deployMarkers;
    }

    /** A node's official module path inside its block, and whether DBB's identity-based 1x1 applies. */
    record Role(String nodeId, String module) {
    }

    /** The modules of the block summed by {@code add}, or empty when it is not this layout's block. */
    Optional<List<Role>> roles(Graph graph, Branches b) {
        List<Role> roles = new ArrayList<>();
        int convIndex = 0;
        boolean anyKxk = b.chains().stream().anyMatch(c -> kernelOf(graph, c) > 1);
        for (List<String> chain : b.chains()) {
            List<Op> ops = Branches.ops(graph, chain);
            boolean convBn = ops.size() == 2 && ops.get(0) instanceof Op.Conv && ops.get(1) instanceof Op.BatchNorm;
            boolean bnOnly = ops.size() == 1 && ops.get(0) instanceof Op.BatchNorm;
            Op.Conv conv = convBn ? (Op.Conv) ops.get(0) : null;
            String prefix = switch (this) {
                case REPVGG -> bnOnly ? "rbr_identity" : convBn && conv.kernelH() > 1 ? "rbr_dense"
                        : convBn ? "rbr_1x1" : null;
                case MOBILEONE -> bnOnly ? "rbr_skip" : convBn && anyKxk && conv.kernelH() == 1 ? "rbr_scale"
                        : convBn ? "rbr_conv." + convIndex++ : null;
                case REPLK -> convBn ? (isLargest(graph, b, conv) ? "lkb_origin" : "small_conv") : null;
                case ACNET -> convBn ? acnet(conv, roles, chain) : null;
                case DBB -> dbb(graph, chain, ops, roles);
                case REPGHOST -> bnOnly ? "fusion_bn.0" : convBn ? "cheap_operation" : null;
            };
            if (prefix == null) {
                return Optional.empty();
            }
            if (!prefix.isEmpty()) {
                addConvBn(roles, chain, ops, prefix, this == REPGHOST);
            }
        }
        if (this == REPGHOST && !primary(graph, b.source(), roles)) {
            return Optional.empty();
        }
        return Optional.of(roles);
    }

    private static void addConvBn(List<Role> roles, List<String> chain, List<Op> ops, String prefix,
                                  boolean sequentialIndices) {
        if (ops.size() == 1) {
            roles.add(new Role(chain.get(0), prefix));
        } else {
            roles.add(new Role(chain.get(0), prefix + (sequentialIndices ? ".0" : ".conv")));
            roles.add(new Role(chain.get(1), prefix + (sequentialIndices ? ".1" : ".bn")));
        }
    }

    private static String acnet(Op.Conv conv, List<Role> roles, List<String> chain) {
        String name = conv.kernelH() == conv.kernelW() ? "square" : conv.kernelH() == 1 ? "hor" : "ver";
        roles.add(new Role(chain.get(0), name + "_conv"));
        roles.add(new Role(chain.get(1), name + "_bn"));
        return "";
    }

    /** DBB's four branch kinds; its BN-and-pad layers hold their BN under {@code .bn}. */
    private static String dbb(Graph graph, List<String> chain, List<Op> ops, List<Role> roles) {
        boolean convBn = ops.size() == 2 && ops.get(0) instanceof Op.Conv && ops.get(1) instanceof Op.BatchNorm;
        if (convBn) {
            return ((Op.Conv) ops.get(0)).kernelH() > 1 ? "dbb_origin" : "dbb_1x1";
        }
        if (ops.size() == 5 && ops.get(0) instanceof Op.Conv && ops.get(1) instanceof Op.BatchNorm
                && ops.get(2) instanceof Op.Pad && ops.get(4) instanceof Op.BatchNorm) {
            if (ops.get(3) instanceof Op.AvgPool) {
                roles.add(new Role(chain.get(0), "dbb_avg.conv"));
                roles.add(new Role(chain.get(1), "dbb_avg.bn.bn"));
                roles.add(new Role(chain.get(4), "dbb_avg.avgbn"));
                return "";
            }
            if (ops.get(3) instanceof Op.Conv) {
                roles.add(new Role(chain.get(0), "dbb_1x1_kxk.conv1"));
                roles.add(new Role(chain.get(1), "dbb_1x1_kxk.bn1.bn"));
                roles.add(new Role(chain.get(3), "dbb_1x1_kxk.conv2"));
                roles.add(new Role(chain.get(4), "dbb_1x1_kxk.bn2"));
                return "";
            }
        }
        return null;
    }

    /** RepGhost's primary conv-BN-ReLU before the branches. */
    private static boolean primary(Graph graph, String source, List<Role> roles) {
        if (!(graph.node(source).op() instanceof Op.Relu)) {
            return false;
        }
        String bn = graph.inputsOf(source).get(0);
        if (!(graph.node(bn).op() instanceof Op.BatchNorm)) {
            return false;
        }
        String conv = graph.inputsOf(bn).get(0);
        if (!(graph.node(conv).op() instanceof Op.Conv)) {
            return false;
        }
        roles.add(0, new Role(bn, "primary_conv.1"));
        roles.add(0, new Role(conv, "primary_conv.0"));
        return true;
    }

    private static int kernelOf(Graph graph, List<String> chain) {
        return chain.isEmpty() || !(graph.node(chain.get(0)).op() instanceof Op.Conv c) ? 0 : c.kernelH();
    }

    private static boolean isLargest(Graph graph, Branches b, Op.Conv conv) {
        return b.chains().stream().allMatch(c -> kernelOf(graph, c) <= conv.kernelH());
    }

    /** The layout whose markers the checkpoint's keys use, if any. */
    static Optional<OfficialLayout> detect(Iterable<String> keys) {
        Map<OfficialLayout, Integer> hits = new LinkedHashMap<>();
        for (String key : keys) {
            for (String segment : key.split("\\.")) {
                for (OfficialLayout l : values()) {
                    if (l.markers.contains(segment)) {
                        hits.merge(l, 1, Integer::sum);
                    }
                }
            }
        }
        // rbr_conv/rbr_skip are MobileOne's even where RepVGG-like names appear too
        if (hits.containsKey(MOBILEONE)) {
            return Optional.of(MOBILEONE);
        }
        return hits.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
