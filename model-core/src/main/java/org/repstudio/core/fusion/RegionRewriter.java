package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.algebra.AffineConv;
import org.repstudio.core.algebra.BnFold;
import org.repstudio.core.algebra.BranchSum;
import org.repstudio.core.algebra.DepthConcat;
import org.repstudio.core.algebra.Dirac;
import org.repstudio.core.algebra.NotExactException;
import org.repstudio.core.algebra.PadMove;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.algebra.PerChannel;
import org.repstudio.core.algebra.RefusalKind;
import org.repstudio.core.algebra.SequentialCompose;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Weights;

/**
 * Collapses one linear region into one conv by local rewrites, one recorded step each, in a fixed
 * priority: fold BN/scale into the conv before it; turn the remaining BN, scale, avg-pool, identity and
 * zero pad into convs; move pads onto inputs; merge sequential convs; sum or stack parallel branches;
 * duplicate a conv read twice. Throws {@link NotExactException} when no exact rewrite exists.
 */
final class RegionRewriter {

    Graph g;
    Weights w;
    private final Region region;
    private final Set<String> members;
    private final Map<String, TensorShape> shapes;
    private final Map<String, double[]> padFill;
    private final boolean measure;
    private final List<FusionStep> steps;
    private final Map<String, String> foldedInto = new HashMap<>();
    /** Conv id to the id of the BN folded into it, so a refusal blames the node the user drew. */
    private final Map<String, String> foldedNode = new HashMap<>();
    /** BNs and scales after a sum wait for it to become a conv and fold into it; set when nothing else applies. */
    private boolean convertDeferred;

    RegionRewriter(Graph g, Weights w, Region region, Map<String, TensorShape> shapes, Map<String, double[]> padFill,
                   boolean measure, List<FusionStep> steps) {
        this.g = g;
        this.w = w;
        this.region = region;
        this.members = new LinkedHashSet<>(region.nodes());
        this.shapes = shapes;
        this.padFill = padFill;
        this.measure = measure;
        this.steps = steps;
    }

    /** The id of the one conv the region became. */
    String collapse() {
        while (!(members.size() == 1 && isConv(members.iterator().next()))) {
            if (!(tryEach(this::fold) || tryEach(this::asConv) || tryEach(this::padFold) || tryEach(this::compose)
                    || tryEach(this::join) || tryEach(this::split))) {
                if (!convertDeferred) {
                    convertDeferred = true; // nothing else moves: let BNs after sums become convs after all
                    continue;
                }
                throw new NotExactException(RefusalKind.NO_EXACT_REWRITE, "no exact rewrite applies to " + describe(order()));
            }
        }
        return members.iterator().next();
    }

    private interface Rule {
        boolean apply(String id);
    }

    private boolean tryEach(Rule rule) {
        for (String id : order()) {
            if (rule.apply(id)) {
                return true;
            }
        }
        return false;
    }

    // ---- rules ----

    private boolean fold(String n) {
        Op op = g.node(n).op();
        if (!(op instanceof Op.BatchNorm || op instanceof Op.Scale)) {
            return false;
        }
        String p = input(n);
        if (!members.contains(p) || !isConv(p) || !g.consumersOf(p).equals(List.of(n))) {
            return false;
        }
        Snapshot before = snapshot();
        AffineConv c = affine(p);
        AffineConv folded;
        if (op instanceof Op.BatchNorm bn) {
            folded = BnFold.fold(c, w.get(n, "gamma"), w.get(n, "beta"), w.get(n, "mean"), w.get(n, "var"), bn.eps());
        } else {
            folded = PerChannel.after(c, w.get(n, "scale").data(), new double[c.outChannels()]);
        }
        setConv(p, folded);
        bypass(n, p);
        foldedInto.put(p, op.kind() + " '" + n + "'");
        foldedNode.put(p, n);
        record(before, op instanceof Op.BatchNorm ? FusionRule.BN_FOLD : FusionRule.SCALE_FOLD, List.of(p, n), p,
                folded, "'" + n + "' into '" + p + "'");
        return true;
    }

    private boolean asConv(String n) {
        Op op = g.node(n).op();
        if ((op instanceof Op.BatchNorm || op instanceof Op.Scale) && !convertDeferred && afterJoin(n)) {
            return false; // the sum becomes a conv first, then the BN folds into it (OREPA's deploy BN fold)
        }
        FusionRule rule;
        if (op instanceof Op.BatchNorm) {
            rule = FusionRule.BN_AS_CONV;
        } else if (op instanceof Op.Scale) {
            rule = FusionRule.SCALE_AS_CONV;
        } else if (op instanceof Op.AvgPool) {
            rule = FusionRule.AVGPOOL_AS_CONV;
        } else if (op instanceof Op.Identity) {
            rule = FusionRule.IDENTITY_AS_CONV;
        } else if (op instanceof Op.Pad pad && pad.mode() == Op.PadMode.ZERO && !isConv(input(n))) {
            rule = FusionRule.PAD_AS_CONV;
        } else {
            return false;
        }
        Snapshot before = snapshot();
        AffineConv c = affine(n);
        setConv(n, c);
        record(before, rule, List.of(n), n, c, op.kind() + " '" + n + "' as a " + c.kernelH() + "x" + c.kernelW()
                + " conv");
        return true;
    }

    /** Whether {@code n} reads a sum or concat of this region that is not a conv yet. */
    private boolean afterJoin(String n) {
        String p = input(n);
        Op in = g.node(p).op();
        return members.contains(p) && !isConv(p) && (in instanceof Op.Add || in instanceof Op.Concat);
    }

    private boolean padFold(String n) {
        if (!(g.node(n).op() instanceof Op.Pad pad)) {
            return false;
        }
        String p = input(n);
        if (!members.contains(p) || !isConv(p) || !g.consumersOf(p).equals(List.of(n))) {
            return false;
        }
        Snapshot before = snapshot();
        AffineConv a = affine(p);
        AffineConv moved;
        try {
            TensorShape in = shapes.get(input(p));
            moved = PadMove.padOutput(a, pad.padding(), padFill.get(n), in.height(), in.width());
        } catch (NotExactException e) {
            throw refuse(before, List.of(p, n), n, input(p), a.withPadding(a.padding().plus(pad.padding())),
                    e.kind(), "padding '" + n + "' after " + origin(p) + ": " + e.getMessage());
        }
        setConv(p, moved);
        bypass(n, p);
        record(before, FusionRule.PAD_FOLD, List.of(p, n), p, moved, pad.mode().name().toLowerCase() + " pad '"
                + n + "' " + pad.padding() + " onto the input of '" + p + "'");
        return true;
    }

    private boolean compose(String b) {
        if (!isConv(b)) {
            return false;
        }
        String p = input(b);
        if (!members.contains(p) || !isConv(p) || !g.consumersOf(p).equals(List.of(b))) {
            return false;
        }
        Snapshot before = snapshot();
        AffineConv a = affine(p);
        AffineConv second = affine(b);
        AffineConv moved;
        try {
            TensorShape in = shapes.get(input(p));
            moved = PadMove.padOutput(a, second.padding(), new double[a.outChannels()], in.height(), in.width());
        } catch (NotExactException e) {
            AffineConv naive = SequentialCompose.compose(a.withPadding(a.padding().plus(second.padding())),
                    second.withPadding(Padding.NONE));
            throw refuse(before, List.of(p, b), b, input(p), naive, e.kind(), "zero padding of '" + b + "' after "
                    + origin(p) + ": " + e.getMessage());
        }
        AffineConv c = SequentialCompose.compose(moved, second.withPadding(Padding.NONE));
        setConv(b, c);
        g = g.withInputs(b, g.inputsOf(p)).withoutNode(p);
        w = w.without(p);
        members.remove(p);
        record(before, FusionRule.SEQUENTIAL_MERGE, List.of(p, b), b, c, "'" + p + "' " + a.kernelH() + "x"
                + a.kernelW() + " then '" + b + "' " + second.kernelH() + "x" + second.kernelW() + " -> "
                + c.kernelH() + "x" + c.kernelW());
        return true;
    }

    /** Add or Concat of branches: first wrap a raw input in an identity conv, then merge. */
    private boolean join(String n) {
        Op op = g.node(n).op();
        if (!(op instanceof Op.Add || op instanceof Op.Concat)) {
            return false;
        }
        List<String> inputs = g.inputsOf(n);
        for (int i = 0; i < inputs.size(); i++) {
            if (!members.contains(inputs.get(i))) {
                insertIdentity(n, i, inputs.get(i));
                return true;
            }
        }
        String producer = null;
        for (String in : inputs) {
            if (!isConv(in) || !g.consumersOf(in).equals(List.of(n))) {
                return false;
            }
            String src = input(in);
            if (producer != null && !producer.equals(src)) {
                return false;
            }
            producer = src;
        }
        Snapshot before = snapshot();
        List<AffineConv> branches = new ArrayList<>();
        for (String in : inputs) {
            branches.add(affine(in));
        }
        AffineConv c = op instanceof Op.Add ? BranchSum.sum(branches) : DepthConcat.concat(branches);
        setConv(n, c);
        g = g.withInputs(n, List.of(producer));
        for (String in : inputs) {
            g = g.withoutNode(in);
            w = w.without(in);
            members.remove(in);
        }
        List<String> in = new ArrayList<>(inputs);
        in.add(n);
        record(before, op instanceof Op.Add ? FusionRule.BRANCH_SUM : FusionRule.DEPTH_CONCAT, in, n, c,
                inputs.size() + " branches -> one " + c.kernelH() + "x" + c.kernelW() + " conv, groups " + c.groups());
        return true;
    }

    private void insertIdentity(String join, int port, String source) {
        String id = fresh(join + "_identity");
        int channels = shapes.get(source).channels();
        shapes.put(id, shapes.get(source));
        g = g.withNode(new Node(id, new Op.Identity())).withEdge(new Edge(source, id, 0));
        g = g.withoutEdge(new Edge(source, join, port)).withEdge(new Edge(id, join, port));
        members.add(id);
        Snapshot before = snapshot();
        AffineConv c = Dirac.identity(channels, channels, 1, 1);
        setConv(id, c);
        record(before, FusionRule.IDENTITY_AS_CONV, List.of(id), id, c, "shortcut into '" + join
                + "' as a 1x1 dirac conv");
    }

    private boolean split(String c) {
        List<Edge> out = g.edges().stream().filter(e -> e.from().equals(c)).toList();
        if (!isConv(c) || out.size() < 2) {
            return false;
        }
        Snapshot before = snapshot();
        Edge moved = out.get(out.size() - 1);
        String copy = fresh(c + "_copy");
        shapes.put(copy, shapes.get(c));
        g = g.withNode(new Node(copy, g.node(c).op())).withEdge(new Edge(input(c), copy, 0));
        g = g.withoutEdge(moved).withEdge(new Edge(copy, moved.to(), moved.port()));
        w = w.with(copy, w.of(c));
        members.add(copy);
        record(before, FusionRule.SHARED_SPLIT, List.of(c), copy, affine(copy), "'" + c + "' read by "
                + out.size() + " nodes: copy for '" + moved.to() + "'");
        return true;
    }

    // ---- helpers ----

    private record Snapshot(Graph g, Weights w) {
    }

    private Snapshot snapshot() {
        return new Snapshot(g, w);
    }

    private void record(Snapshot before, FusionRule rule, List<String> nodesIn, String out, AffineConv after,
                        String detail) {
        double[] err = {Double.NaN, Double.NaN};
        if (measure) {
            String last = nodesIn.get(nodesIn.size() - 1);
            String producer = before.g().contains(nodesIn.get(0)) ? before.g().inputsOf(nodesIn.get(0)).get(0) : null;
            err = StepCheck.measure(before.g(), before.w(), nodesIn, last, producer, shapes.get(producer), after,
                    1234 + steps.size());
        }
        FusionStep.append(steps, rule, region.exit(), nodesIn, before.w(), out, NodeConvs.toParams(after), detail, err, g,
                w);
    }

    private RefusedException refuse(Snapshot before, List<String> nodesIn, String last, String producer,
                                     AffineConv naive, RefusalKind kind, String reason) {
        TensorShape s = shapes.get(producer);
        TensorShape small = TensorShape.spatial(s.channels(), Math.min(s.height(), Math.max(12, naive.extentH() + 4)),
                Math.min(s.width(), Math.max(12, naive.extentW() + 4)));
        Graph sub = StepCheck.cut(before.g(), nodesIn, last, producer, small);
        double[] e = StepCheck.borderError(sub, before.w(), naive, 99);
        String hint = Remedy.of(kind).map(r -> "; " + r.advice()).orElse("");
        // blame the biased op the user drew (a BN folded into the producing conv), and the op that pads after it
        List<String> blamed = new ArrayList<>(nodesIn);
        blamed.set(0, foldedNode.getOrDefault(nodesIn.get(0), nodesIn.get(0)));
        if (e == null) {
            return new RefusedException(kind, reason + hint, blamed, Double.NaN, Double.NaN);
        }
        return new RefusedException(kind, String.format("%s: max border error %.3g (interior %.3g)%s", reason, e[0],
                e[1], hint), blamed, e[0], e[1]);
    }

    private String origin(String convId) {
        String folded = foldedInto.get(convId);
        return folded != null ? "the biased " + folded : g.node(convId).op().kind() + " '" + convId + "'";
    }

    private List<String> order() {
        List<String> all = g.topologicalOrder().orElseThrow();
        List<String> in = new ArrayList<>();
        for (String id : all) {
            if (members.contains(id)) {
                in.add(id);
            }
        }
        return in;
    }

    private boolean isConv(String id) {
        return g.contains(id) && g.node(id).op() instanceof Op.Conv;
    }

    private String input(String id) {
        return g.inputsOf(id).get(0);
    }

    private AffineConv affine(String id) {
        return NodeConvs.toAffine(g, w, g.node(id), shapes.get(input(id)).channels());
    }

    private void setConv(String id, AffineConv c) {
        g = g.withNode(new Node(id, NodeConvs.toOp(c)));
        w = w.with(id, NodeConvs.toParams(c));
    }

    /** Removes {@code id}, pointing its consumers at {@code replacement}. */
    private void bypass(String id, String replacement) {
        g = g.rewire(id, replacement).withoutNode(id);
        w = w.without(id);
        members.remove(id);
    }

    private String fresh(String base) {
        String id = base;
        for (int i = 2; g.contains(id); i++) {
            id = base + i;
        }
        return id;
    }

    private String describe(List<String> ids) {
        List<String> parts = new ArrayList<>();
        for (String id : ids) {
            parts.add(g.node(id).op().kind() + " '" + id + "'");
        }
        return String.join(", ", parts);
    }
}
