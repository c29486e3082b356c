package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
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

    private final OnlineRegion region;
    private final String bn;
    private final boolean relu;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final double eps;

    /** Builds the online form of {@code graph} (input, branches, add, BN, optional ReLU, output). */
    public OnlineReparam(Graph graph, Weights weights, NDManager parent) {
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
        this.region = OnlineRegion.of(graph, add);
        if (!region.source().equals(graph.inputIds().get(0))) {
            throw new IllegalArgumentException("online mode: the branches of '" + add + "' must read the block input");
        }
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
        return region.kernel((node, name) -> view(node, name, into), into);
    }

    /** The block's output for {@code x}; training mode uses batch statistics in the BN and updates them. */
    public NDArray forward(NDArray x, boolean training) {
        NDManager into = x.getManager();
        NDArray y = region.apply(x, squeezedKernel(into));
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
