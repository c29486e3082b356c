package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Padding;
import org.repstudio.core.graph.Weights;

/**
 * OREPA's online re-parameterization: a block whose branches carry no BN and no bias (convs, per-channel
 * scales, average pooling, 1x1-then-KxK and depthwise-then-pointwise pairs), summed, then one BN. On every
 * forward the branch kernels are squeezed into one KxK kernel with NDArray ops, so autograd reaches every
 * branch parameter while the feature map goes through a single conv. The parameters are the design's
 * own (node id, name), so {@link #readWeights()} fused offline gives the same deploy conv.
 */
public final class OnlineReparam implements AutoCloseable {

    static {
        DjlSetup.ensureOffline();
    }

    private final Graph graph;
    private final List<List<String>> branches;
    private final String bn;
    private final boolean relu;
    private final int kernel;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final double eps;

    /** Builds the online form of {@code graph} (input, branches, add, BN, optional ReLU, output). */
    public OnlineReparam(Graph graph, Weights weights, NDManager parent) {
        this.graph = graph;
        GraphBlock.requireValid(graph);
        String add = graph.nodes().values().stream().filter(n -> n.op() instanceof Op.Add).map(Node::id)
                .reduce((a, b) -> {
                    throw new IllegalArgumentException("online mode takes one branch sum, found '" + a + "' and '"
                            + b + "'");
                }).orElseThrow(() -> new IllegalArgumentException("online mode needs an add of branches"));
        List<String> after = graph.consumersOf(add);
        if (after.size() != 1 || !(graph.node(after.get(0)).op() instanceof Op.BatchNorm b)) {
            throw new IllegalArgumentException("online mode needs one BatchNorm right after '" + add + "'");
        }
        this.bn = after.get(0);
        this.eps = b.eps();
        List<String> next = graph.consumersOf(bn);
        this.relu = next.size() == 1 && graph.node(next.get(0)).op() instanceof Op.Relu;
        String x = graph.inputIds().get(0);
        this.branches = new ArrayList<>();
        int k = 1;
        for (String end : graph.inputsOf(add)) {
            List<String> chain = new ArrayList<>();
            for (String cur = end; !cur.equals(x); cur = graph.inputsOf(cur).get(0)) {
                chain.add(0, cur);
            }
            for (String id : chain) {
                Op op = graph.node(id).op();
                if (op instanceof Op.Conv c) {
                    if (c.bias() || c.strideH() != 1 || c.strideW() != 1 || c.dilationH() != 1) {
                        throw new IllegalArgumentException("online mode: conv '" + id + "' must be stride 1, undilated"
                                + " and without bias");
                    }
                    k = Math.max(k, c.kernelH());
                } else if (!(op instanceof Op.Scale || op instanceof Op.AvgPool)) {
                    throw new IllegalArgumentException("online mode: branch node '" + id + "' is a " + op.kind()
                            + "; only convs, scales and average pooling can be squeezed (no BN inside a branch)");
                }
            }
            branches.add(chain);
        }
        this.kernel = k;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, Map<String, Tensor>> e : weights.byNode().entrySet()) {
            for (Map.Entry<String, Tensor> p : e.getValue().entrySet()) {
                NDArray a = TensorBridge.toNDArray(manager, p.getValue());
                boolean running = p.getKey().equals("mean") || p.getKey().equals("var");
                a.setRequiresGradient(!running);
                params.put(e.getKey() + "." + p.getKey(), a);
            }
        }
    }

    /**
     * The squeezed kernel [O, C, K, K]: sum over branches of each branch's chain in kernel space. Its
     * temporaries live in {@code into} (the caller's per-step manager), not with the parameters.
     */
    public NDArray squeezedKernel(NDManager into) {
        NDArray sum = null;
        for (List<String> chain : branches) {
            NDArray k = branchKernel(chain, into);
            NDArray full = k.getShape().get(2) == kernel ? k : centred(k, into);
            sum = sum == null ? full : sum.add(full);
        }
        return sum;
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

    private NDArray branchKernel(List<String> chain, NDManager into) {
        NDArray k = null;
        int groups = 1;
        for (String id : chain) {
            Op op = graph.node(id).op();
            if (op instanceof Op.Conv c) {
                NDArray w = view(id, "weight", into);
                if (k == null) {
                    k = w;
                    groups = c.groups();
                } else {
                    k = compose(k, groups, w, c, id);
                    groups = 1;
                }
            } else if (op instanceof Op.Scale) {
                k = k.mul(view(id, "scale", into).reshape(-1, 1, 1, 1));
            } else if (op instanceof Op.AvgPool a) {
                if (k.getShape().get(2) != 1 || groups != 1) {
                    throw new IllegalArgumentException("online mode: average pooling '" + id + "' must follow a 1x1");
                }
                k = k.mul(into.full(new Shape(1, 1, a.kernelH(), a.kernelW()), 1f / (a.kernelH() * a.kernelW())));
            }
        }
        if (groups != 1) {
            throw new IllegalArgumentException("online mode: a branch must end dense (groups 1)");
        }
        return k;
    }

    /** Kernel of {@code second} after {@code first}: a 1x1 first mixes channels, a 1x1 second mixes outputs. */
    private static NDArray compose(NDArray first, int firstGroups, NDArray second, Op.Conv c, String id) {
        Shape a = first.getShape();
        Shape b = second.getShape();
        if (a.get(2) == 1 && a.get(3) == 1 && firstGroups == 1 && c.groups() == 1) {
            // K[o, i] = sum_c B[o, c] A[c, i] at every tap of B
            NDArray bt = second.transpose(0, 2, 3, 1).reshape(b.get(0) * b.get(2) * b.get(3), b.get(1));
            NDArray prod = bt.matMul(first.reshape(a.get(0), a.get(1)));
            return prod.reshape(b.get(0), b.get(2), b.get(3), a.get(1)).transpose(0, 3, 1, 2);
        }
        if (b.get(2) == 1 && b.get(3) == 1 && c.groups() == 1 && firstGroups == a.get(0) && a.get(1) == 1) {
            // depthwise then pointwise: K[o, i] = B[o, i] * A[i]
            return second.reshape(b.get(0), b.get(1), 1, 1).mul(first.reshape(1, a.get(0), a.get(2), a.get(3)));
        }
        throw new IllegalArgumentException("online mode cannot squeeze conv '" + id + "' after a " + a + " kernel");
    }

    /** The block's output for {@code x}; training mode uses batch statistics in the BN and updates them. */
    public NDArray forward(NDArray x, boolean training) {
        NDManager into = x.getManager();
        NDArray k = squeezedKernel(into);
        NDArray y = Conv2d.conv2d(x, k, null, new Shape(1, 1), new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1)
                .singletonOrThrow();
        y = OpKernels.batchNorm(y, view(bn, "gamma", into), view(bn, "beta", into), p(bn, "mean"), p(bn, "var"), eps,
                0.9f, training);
        return relu ? OpKernels.relu(y) : y;
    }

    /** Every trainable parameter (they carry gradients after a backward pass). */
    public List<NDArray> trainable() {
        return params.values().stream().filter(NDArray::hasGradient).toList();
    }

    /** The current parameters under the design's node ids, for offline fusion or saving. */
    public Weights readWeights() {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        params.forEach((key, a) -> {
            int dot = key.lastIndexOf('.');
            out.computeIfAbsent(key.substring(0, dot), x -> new LinkedHashMap<>()).put(key.substring(dot + 1),
                    TensorBridge.toTensor(a));
        });
        return new Weights(out);
    }

    /** A view of a parameter owned by {@code into}: arithmetic on it lands there, autograd still reaches it. */
    private NDArray view(String node, String name, NDManager into) {
        NDArray v = p(node, name);
        NDArray view = v.reshape(v.getShape());
        view.attach(into);
        return view;
    }

    private NDArray p(String node, String name) {
        NDArray a = params.get(node + "." + name);
        if (a == null) {
            throw new IllegalArgumentException("node '" + node + "' has no parameter '" + name + "'");
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
