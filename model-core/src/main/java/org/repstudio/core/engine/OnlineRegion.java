package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;

/**
 * One OREPA-shaped region that trains online: a sum whose branches all start at one node ({@link #source()})
 * and are chains of bias-free, stride-1 convs, per-channel scales and average pooling (no BN, no bias inside
 * a branch). Such a sum equals one KxK conv of the source whose kernel is the branches' kernels squeezed in
 * kernel space: {@link #kernel} builds it from the branch parameters with NDArray ops every step, so
 * autograd reaches every branch parameter while the feature map goes through a single conv.
 *
 * <p>The squeeze: a 1x1 then a KxK compose by a matrix product over channels; a depthwise KxK then a dense
 * 1x1 by a broadcast product; average pooling after a 1x1 is a KxK of 1/K^2; a scale multiplies output
 * channels; smaller kernels sit at the centre of the largest (a 1x1 by a product with a one-hot kernel).
 * Zero padding stays exact because no bias sits between the sequential convs.
 */
public final class OnlineRegion {

    private final Graph graph;
    private final String sum;
    private final String source;
    private final List<List<String>> branches;
    private final int kernel;

    private OnlineRegion(Graph graph, String sum, String source, List<List<String>> branches, int kernel) {
        this.graph = graph;
        this.sum = sum;
        this.source = source;
        this.branches = branches;
        this.kernel = kernel;
    }

    /**
     * Every sum of {@code graph} as an online region.
     *
     * @throws IllegalArgumentException naming the node when the graph has no sum, or a sum that cannot
     *                                  be squeezed (a BN or bias inside a branch, a stride, an identity branch...)
     */
    public static List<OnlineRegion> all(Graph graph) {
        Map<String, TensorShape> shapes = ShapeInference.infer(graph).shapes();
        List<OnlineRegion> out = new ArrayList<>();
        for (String id : graph.topologicalOrder().orElseThrow(() -> new IllegalArgumentException("the graph has a cycle"))) {
            if (graph.node(id).op() instanceof Op.Add) {
                out.add(of(graph, id, shapes));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("online training needs OREPA-shaped blocks (branches summed in "
                    + "kernel space), but the design has no branch sum (add node)");
        }
        return out;
    }

    /** The region ending at the sum {@code addId}. */
    public static OnlineRegion of(Graph graph, String addId) {
        return of(graph, addId, ShapeInference.infer(graph).shapes());
    }

    private static OnlineRegion of(Graph graph, String addId, Map<String, TensorShape> shapes) {
        List<List<String>> chains = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (String end : graph.inputsOf(addId)) {
            List<String> chain = new ArrayList<>();
            String cur = end;
            while (squeezable(graph.node(cur).op()) && graph.consumersOf(cur).size() == 1) {
                chain.add(0, cur);
                cur = graph.inputsOf(cur).get(0);
            }
            chains.add(chain);
            stops.add(cur);
        }
        String source = mostCommon(stops);
        for (int i = 0; i < stops.size(); i++) {
            String stop = stops.get(i);
            if (!stop.equals(source) || chains.get(i).isEmpty()) {
                throw new IllegalArgumentException(refusal(graph, addId, stop, chains.get(i).isEmpty()));
            }
        }
        int k = 1;
        for (List<String> chain : chains) {
            k = Math.max(k, check(graph, chain, shapes));
        }
        return new OnlineRegion(graph, addId, source, List.copyOf(chains), k);
    }

    private static boolean squeezable(Op op) {
        return op instanceof Op.Conv || op instanceof Op.Scale || op instanceof Op.AvgPool;
    }

    private static String refusal(Graph g, String add, String stop, boolean direct) {
        Op op = g.node(stop).op();
        String head = "online training cannot squeeze the sum '" + add + "': ";
        if (squeezable(op)) {
            return head + "'" + stop + "' (" + op.kind() + ") feeds other nodes too; a branch must be a chain of its "
                    + "own";
        }
        if (direct) {
            return head + "it reads '" + stop + "', a " + op.kind() + ", directly; OREPA branches are chains of "
                    + "convs, per-channel scales and average pooling without BN or bias (one BN goes after the sum)";
        }
        return head + "a branch passes through '" + stop + "', a " + op.kind() + "; OREPA branches hold only "
                + "convs, per-channel scales and average pooling, without BN or bias (one BN goes after the sum)";
    }

    private static String mostCommon(List<String> ids) {
        Map<String, Integer> count = new HashMap<>();
        ids.forEach(id -> count.merge(id, 1, Integer::sum));
        String best = ids.get(0);
        for (String id : ids) {
            if (count.get(id) > count.get(best)) {
                best = id;
            }
        }
        return best;
    }

    /** Checks what {@link #branchKernel} will do; returns the chain's kernel size. */
    private static int check(Graph g, List<String> chain, Map<String, TensorShape> shapes) {
        int k = 0;
        int groups = 1;
        for (String id : chain) {
            Op op = g.node(id).op();
            String at = "online training: '" + id + "' ";
            if (op instanceof Op.Conv c) {
                if (c.bias() || c.strideH() != 1 || c.strideW() != 1 || c.dilationH() != 1 || c.dilationW() != 1) {
                    throw new IllegalArgumentException(at + "must be a stride-1, undilated conv without bias");
                }
                if (c.kernelH() != c.kernelW() || c.kernelH() % 2 == 0 || !c.padding().equals(Padding.of(c.kernelH() / 2))) {
                    throw new IllegalArgumentException(at + "needs an odd square kernel with padding K/2 on every side");
                }
                if (k == 0) {
                    k = c.kernelH();
                    groups = c.groups();
                } else if (k == 1 && groups == 1 && c.groups() == 1) {
                    k = c.kernelH();
                } else if (c.kernelH() == 1 && c.groups() == 1 && depthwise(g, chain, id, groups, shapes)) {
                    groups = 1;
                } else {
                    throw new IllegalArgumentException(at + "cannot be composed with the conv before it (a 1x1 then a "
                            + "KxK, or a depthwise KxK then a dense 1x1)");
                }
            } else if (op instanceof Op.Scale) {
                if (k == 0) {
                    throw new IllegalArgumentException(at + "scales the block input directly; a branch starts with a conv");
                }
            } else if (op instanceof Op.AvgPool a) {
                if (k != 1 || groups != 1) {
                    throw new IllegalArgumentException(at + "average pooling must follow a dense 1x1 conv");
                }
                if (a.kernelH() != a.kernelW() || a.kernelH() % 2 == 0 || a.strideH() != 1 || a.strideW() != 1
                        || !a.padding().equals(Padding.of(a.kernelH() / 2))) {
                    throw new IllegalArgumentException(at + "average pooling must be stride 1, odd square, padded K/2");
                }
                k = a.kernelH();
            }
        }
        if (groups != 1) {
            throw new IllegalArgumentException("online training: the branch ending at '" + chain.get(chain.size() - 1)
                    + "' must end dense (groups 1): a grouped conv alone cannot join the squeezed kernel");
        }
        return k;
    }

    /** Whether the conv before {@code id} in the chain is depthwise (groups = its in = its out channels). */
    private static boolean depthwise(Graph g, List<String> chain, String id, int groups,
                                     Map<String, TensorShape> shapes) {
        String before = chain.get(chain.indexOf(id) - 1);
        String in = g.inputsOf(before).get(0);
        return groups > 1 && shapes.get(before).channels() == groups && shapes.get(in).channels() == groups;
    }

    /** The sum node this region replaces. */
    public String sum() {
        return sum;
    }

    /** The node every branch reads. */
    public String source() {
        return source;
    }

    /** The branch nodes (not the source, not the sum): skipped when the region runs as one conv. */
    public Set<String> members() {
        Set<String> s = new LinkedHashSet<>();
        branches.forEach(s::addAll);
        return s;
    }

    /** The branches, each from its first node to the one the sum reads. */
    public List<List<String>> branches() {
        return branches;
    }

    /** Side of the squeezed kernel. */
    public int kernelSize() {
        return kernel;
    }

    /**
     * The squeezed kernel [O, C, K, K]. {@code param} gives a parameter by (node id, name) as an array
     * that arithmetic may use (a view owned by a per-step manager); constants go to {@code into}.
     */
    public NDArray kernel(BiFunction<String, String, NDArray> param, NDManager into) {
        NDArray sumK = null;
        for (List<String> chain : branches) {
            NDArray k = branchKernel(chain, param, into);
            NDArray full = k.getShape().get(2) == kernel ? k : centred(k, into);
            sumK = sumK == null ? full : sumK.add(full);
        }
        return sumK;
    }

    /** The region's output: one conv of the source's value with the squeezed kernel. */
    public NDArray apply(NDArray x, NDArray squeezed) {
        return Conv2d.conv2d(x, squeezed, null, new Shape(1, 1), new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** A smaller kernel placed at the centre of a KxK one: a broadcast product with a one-hot kernel when 1x1. */
    private NDArray centred(NDArray k, NDManager into) {
        if (k.getShape().get(2) == 1 && k.getShape().get(3) == 1) {
            float[] oneHot = new float[kernel * kernel];
            oneHot[(kernel / 2) * kernel + kernel / 2] = 1;
            return k.mul(into.create(oneHot, new Shape(1, 1, kernel, kernel)));
        }
        return OpKernels.zeroPad(k, Padding.of((kernel - (int) k.getShape().get(2)) / 2));
    }

    private NDArray branchKernel(List<String> chain, BiFunction<String, String, NDArray> param, NDManager into) {
        NDArray k = null;
        int groups = 1;
        for (String id : chain) {
            Op op = graph.node(id).op();
            if (op instanceof Op.Conv c) {
                NDArray w = param.apply(id, "weight");
                if (k == null) {
                    k = w;
                    groups = c.groups();
                } else {
                    k = compose(k, groups, w);
                    groups = 1;
                }
            } else if (op instanceof Op.Scale) {
                k = k.mul(param.apply(id, "scale").reshape(-1, 1, 1, 1));
            } else if (op instanceof Op.AvgPool a) {
                k = k.mul(into.full(new Shape(1, 1, a.kernelH(), a.kernelW()), 1f / (a.kernelH() * a.kernelW())));
            }
        }
        return k;
    }

    /** Kernel of {@code second} after {@code first}: a 1x1 first mixes channels, a 1x1 second mixes outputs. */
    private static NDArray compose(NDArray first, int firstGroups, NDArray second) {
        Shape a = first.getShape();
        Shape b = second.getShape();
        if (a.get(2) == 1 && a.get(3) == 1 && firstGroups == 1) {
            // K[o, i] = sum_c B[o, c] A[c, i] at every tap of B
            NDArray bt = second.transpose(0, 2, 3, 1).reshape(b.get(0) * b.get(2) * b.get(3), b.get(1));
            NDArray prod = bt.matMul(first.reshape(a.get(0), a.get(1)));
            return prod.reshape(b.get(0), b.get(2), b.get(3), a.get(1)).transpose(0, 3, 1, 2);
        }
        // depthwise then pointwise: K[o, i] = B[o, i] * A[i]
        return second.reshape(b.get(0), b.get(1), 1, 1).mul(first.reshape(1, a.get(0), a.get(2), a.get(3)));
    }

    @Override
    public String toString() {
        return "online region " + sum + " <- " + source + " (" + branches.size() + " branches, K=" + kernel + ")";
    }
}
