package org.repstudio.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.NotExactException;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.WeightsCheck;

/**
 * Collapses every maximal linear region of a graph into one conv and records how. Regions that have
 * no exact fusion are left as they are and reported with the reason; nothing is approximated.
 */
public final class FusionPlanner {

    private FusionPlanner() {
    }

    /** Fuses with every step measured in float64. */
    public static FusionTrace fuse(Graph graph, Weights weights) {
        return fuse(graph, weights, true);
    }

    /**
     * @param measureSteps run each step's before and after on a small random input (slower, but every
     *                     step then carries its own error)
     * @throws InvalidDesignException when the graph or its weights are not valid
     */
    public static FusionTrace fuse(Graph graph, Weights weights, boolean measureSteps) {
        return fuse(graph, weights, new FusionOptions(measureSteps, false, 0));
    }

    /** Fuses with the given options; with {@code removeResiduals}, RMNet runs between two fusion passes. */
    public static FusionTrace fuse(Graph graph, Weights weights, FusionOptions options) {
        long start = System.nanoTime();
        List<Problem> problems = Validator.validate(graph);
        if (!problems.isEmpty()) {
            throw new InvalidDesignException(problems);
        }
        checkWeights(graph, weights);
        List<FusionStep> steps = new ArrayList<>();
        Graph g0 = graph;
        Weights w0 = weights;
        if (options.pruneThreshold() > 0) {
            RewriteResult pruned = ChannelPruning.apply(graph, weights, options.pruneThreshold(),
                    options.measureSteps(), steps);
            g0 = pruned.graph();
            w0 = pruned.weights();
        }
        Pass first = pass(g0, w0, options.measureSteps(), steps);
        // flat joins are no region's: conv branches added to an FC merge into it (RepMLP)
        RewriteResult mlp = ConvIntoLinear.apply(first.graph, first.weights, options.measureSteps(), steps);
        if (!first.refusals.isEmpty() || mlp.count() > 0) {
            // joins no linear region absorbs: (if asked) remove residuals, then fuse again
            Graph g = mlp.graph();
            Weights w = mlp.weights();
            int changed = mlp.count();
            if (options.removeResiduals() && !first.refusals.isEmpty()) {
                RewriteResult removed = ResidualRemoval.apply(g, w, options.measureSteps(), steps);
                g = removed.graph();
                w = removed.weights();
                changed += removed.count();
            }
            if (changed > 0) {
                Pass second = pass(g, w, options.measureSteps(), steps);
                List<Region> regions = new ArrayList<>(first.regions);
                for (Region r : second.regions) { // regions the rewrite joined; the rest were fused already
                    if (r.nodes().size() > 1) {
                        regions.add(r);
                    }
                }
                return new FusionTrace(graph, weights, regions, steps, second.refusals, second.graph, second.weights,
                        (System.nanoTime() - start) / 1e6);
            }
        }
        return new FusionTrace(graph, weights, first.regions, steps, first.refusals, first.graph, first.weights,
                (System.nanoTime() - start) / 1e6);
    }

    private record Pass(Graph graph, Weights weights, List<Region> regions, List<Refusal> refusals) {
    }

    /** One pass: every region of {@code graph} collapsed, steps appended to {@code steps}. */
    private static Pass pass(Graph graph, Weights weights, boolean measureSteps, List<FusionStep> steps) {
        Map<String, TensorShape> shapes = new HashMap<>(ShapeInference.infer(graph).shapes());
        Map<String, double[]> padFill = new HashMap<>();
        for (Node n : graph.nodes().values()) {
            if (n.op() instanceof Op.Pad) {
                String in = graph.inputsOf(n.id()).get(0);
                padFill.put(n.id(), PadFill.of(graph, weights, n.id(), shapes.get(in).channels()));
            }
        }
        Regions.Found found = Regions.find(graph);
        List<Refusal> refusals = new ArrayList<>(found.refusals());
        Graph g = graph;
        Weights w = weights;
        for (Region region : found.regions()) {
            int mark = steps.size();
            RegionRewriter rewriter = new RegionRewriter(g, w, region, shapes, padFill, measureSteps, steps);
            try {
                rewriter.collapse();
                g = rewriter.g;
                w = rewriter.w;
            } catch (RefusedException e) {
                steps.subList(mark, steps.size()).clear();
                refusals.add(new Refusal(region.exit(), region.nodes(), e.blamed, e.kind(), e.getMessage(), e.border,
                        e.interior));
            } catch (NotExactException e) {
                steps.subList(mark, steps.size()).clear();
                refusals.add(Refusal.unmeasured(region.exit(), region.nodes(), region.nodes(), e.kind(), e.getMessage()));
            }
        }
        return new Pass(g, w, found.regions(), refusals);
    }

    /** Every parameter present with the shape its op needs; otherwise a message naming node and field. */
    public static void checkWeights(Graph graph, Weights weights) {
        List<Problem> problems = WeightsCheck.problems(graph, weights);
        if (!problems.isEmpty()) {
            throw new InvalidDesignException(problems);
        }
    }
}
