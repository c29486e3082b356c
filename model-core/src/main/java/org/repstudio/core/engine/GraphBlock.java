package org.repstudio.core.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.ParamSpecs;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.graph.Weights;

/**
 * A valid {@link Graph} (one Input, one Output) compiled to a DJL block. Input [N, C, H, W] of the graph's
 * Input shape; output [N, C', H', W'] or [N, F] as {@link ShapeInference} says. One DJL parameter per
 * {@link ParamSpecs} entry, named {@code <nodeId>.<param>}; BatchNorm mean and var are running stats
 * (types RUNNING_MEAN / RUNNING_VAR, no gradient).
 *
 * <p>The forward pass walks the graph in topological order. In training mode BatchNorm normalizes with
 * batch statistics and updates its running stats with {@link #batchNormMomentum()} (PyTorch convention:
 * weight of the new batch value). In inference mode intermediate results are freed as soon as their last
 * consumer has run, so whole networks fit in memory at large batch sizes.
 */
public final class GraphBlock extends AbstractBlock {

    static {
        DjlSetup.ensureOffline();
    }

    private static final byte VERSION = 1;

    private final Graph graph;
    private final List<String> order;
    private final Map<String, List<String>> inputsOf = new HashMap<>();
    /** How many reads each node's result gets: consumers, plus one for the caller on Input and Output. */
    private final Map<String, Integer> readsOf = new HashMap<>();
    private final Map<String, TensorShape> shapes;
    private final String inputId;
    private final String outputId;
    /** nodeId -> param name -> parameter, in graph order then {@link ParamSpecs} order. */
    private final Map<String, Map<String, Parameter>> nodeParams = new LinkedHashMap<>();
    private final Map<String, int[]> paramShapes = new HashMap<>();
    /** Sum id to its online region, in online mode. */
    private final Map<String, OnlineRegion> online = new LinkedHashMap<>();
    private double batchNormMomentum = 0.1;
    /** Pad id to its border mask ({@link #borderMask}). */
    private final Map<String, NDArray> borderMasks = new ConcurrentHashMap<>();

    /**
     * Compiles {@code graph}.
     *
     * @throws IllegalArgumentException listing every problem when the graph does not validate
     */
    public GraphBlock(Graph graph) {
        this(graph, List.of());
    }

    private GraphBlock(Graph graph, List<OnlineRegion> regions) {
        super(VERSION);
        requireValid(graph);
        this.graph = graph;
        List<String> all = graph.topologicalOrder().orElseThrow();
        this.shapes = ShapeInference.infer(graph).shapes();
        this.inputId = graph.inputIds().get(0);
        this.outputId = graph.outputIds().get(0);
        Set<String> skipped = new HashSet<>();
        regions.forEach(r -> {
            online.put(r.sum(), r);
            skipped.addAll(r.members());
        });
        List<String> run = new ArrayList<>();
        for (String id : all) {
            List<String> in = graph.inputsOf(id);
            if (!in.isEmpty()) {
                addParameters(graph.node(id), shapes.get(in.get(0))); // skipped branch nodes keep theirs
            }
            if (skipped.contains(id)) {
                continue;
            }
            run.add(id);
            inputsOf.put(id, online.containsKey(id) ? List.of(online.get(id).source()) : in);
            readsOf.put(id, id.equals(inputId) || id.equals(outputId) ? 1 : 0);
        }
        this.order = List.copyOf(run);
        for (String id : order) {
            for (String p : inputsOf.get(id)) {
                readsOf.merge(p, 1, Integer::sum);
            }
        }
    }

    /**
     * OREPA's online form of {@code graph}: every sum runs as one conv whose kernel is squeezed from its
     * branch parameters each forward ({@link OnlineRegion}); the parameters are the same as the plain
     * block's, so weights read back fuse offline to the same deploy conv.
     *
     * @throws IllegalArgumentException naming the node when a sum of the graph is not OREPA-shaped
     */
    public static GraphBlock online(Graph graph) {
        requireValid(graph);
        return new GraphBlock(graph, OnlineRegion.all(graph));
    }

    /** The sums that run online (empty for the plain form). */
    public List<OnlineRegion> onlineRegions() {
        return List.copyOf(online.values());
    }

    /** Throws an IllegalArgumentException listing the graph's problems, if it has any. */
    static void requireValid(Graph graph) {
        List<Problem> problems = Validator.validate(graph);
        if (!problems.isEmpty()) {
            String list = problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
            throw new IllegalArgumentException("the graph cannot run, " + problems.size() + " problem(s):\n" + list);
        }
    }

    private void addParameters(Node node, TensorShape inputShape) {
        Map<String, int[]> specs = ParamSpecs.of(node.op(), inputShape);
        if (specs.isEmpty()) {
            return;
        }
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : specs.entrySet()) {
            Parameter p = addParameter(ParameterFactory.create(node.id(), e.getKey(), e.getValue()));
            byName.put(e.getKey(), p);
            paramShapes.put(ParameterFactory.qualifiedName(node.id(), e.getKey()), e.getValue());
        }
        nodeParams.put(node.id(), byName);
    }

    public Graph graph() {
        return graph;
    }

    /** Per-sample input shape [C, H, W]. */
    public TensorShape inputShape() {
        return shapes.get(inputId);
    }

    /** Per-sample output shape: [C, H, W] or flat [F]. */
    public TensorShape outputShape() {
        return shapes.get(outputId);
    }

    /** DJL input shape [batch, C, H, W]. */
    public Shape inputShape(long batch) {
        return new Shape(inputShape().withBatch(batch));
    }

    /** PyTorch-convention BN momentum: running = (1 - m) * running + m * batch. Default 0.1. */
    public double batchNormMomentum() {
        return batchNormMomentum;
    }

    public void setBatchNormMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1], got " + momentum);
        }
        this.batchNormMomentum = momentum;
    }

    /** Allocates float32 parameters in {@code manager} (on its device) with the default initializers. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShape(1));
    }

    /** The parameter {@code <nodeId>.<name>}. */
    public Parameter parameter(String nodeId, String name) {
        Parameter p = nodeParams.getOrDefault(nodeId, Map.of()).get(name);
        if (p == null) {
            throw new IllegalArgumentException("node '" + nodeId + "' has no parameter '" + name + "'");
        }
        return p;
    }

    /** Node id to parameter names, in graph order. */
    public Map<String, List<String>> parameterNames() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        nodeParams.forEach((id, ps) -> m.put(id, List.copyOf(ps.keySet())));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Copies float64 tensors into the (initialized) parameters as float32. Every parameter must be present
     * with its exact shape; nothing is written unless all are. Tensors of unknown nodes are ignored.
     *
     * @throws IllegalArgumentException naming the node and parameter that is missing or mis-shaped
     * @throws IllegalStateException when the block is not initialized
     */
    public void setWeights(Weights weights) {
        requireInitialized();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Map<String, Parameter>> node : nodeParams.entrySet()) {
            for (String name : node.getValue().keySet()) {
                int[] expected = paramShapes.get(ParameterFactory.qualifiedName(node.getKey(), name));
                Tensor t = weights.of(node.getKey()).get(name);
                if (t == null) {
                    errors.add("node '" + node.getKey() + "': missing parameter '" + name + "' of shape "
                            + Arrays.toString(expected));
                } else if (!Arrays.equals(t.shape(), expected)) {
                    errors.add("node '" + node.getKey() + "' parameter '" + name + "': expected shape "
                            + Arrays.toString(expected) + ", got " + Arrays.toString(t.shape()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        nodeParams.forEach((id, ps) -> ps.forEach((name, p) -> TensorBridge.write(weights.get(id, name), p.getArray())));
    }

    /** Current parameter values as float64 tensors, keyed like {@link Weights}. */
    public Weights readWeights() {
        requireInitialized();
        Map<String, Map<String, Tensor>> all = new LinkedHashMap<>();
        nodeParams.forEach((id, ps) -> {
            Map<String, Tensor> byName = new LinkedHashMap<>();
            ps.forEach((name, p) -> byName.put(name, TensorBridge.toTensor(p.getArray())));
            all.put(id, byName);
        });
        return new Weights(all);
    }

    private void requireInitialized() {
        if (!isInitialized()) {
            throw new IllegalStateException("initialize the block (initialize(manager)) before reading or "
                    + "writing its weights");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(outputShape().withBatch(batch))};
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> extra) {
        NDArray input = inputs.singletonOrThrow();
        checkInput(input);
        NDManager scratch = input.getManager().newSubManager();
        Forward f = new Forward(parameterStore, input.getDevice(), training, scratch);
        Map<String, NDArray> values = new HashMap<>();
        // pending reads per array object: Identity and Output return their input, so counts are per object
        Map<NDArray, Integer> pending = new IdentityHashMap<>();
        for (String id : order) {
            List<String> in = inputsOf.get(id);
            List<NDArray> args = new ArrayList<>(in.size());
            for (String p : in) {
                args.add(values.get(p));
            }
            NDArray out = id.equals(inputId) ? input : evaluate(graph.node(id), in, args, f);
            values.put(id, out);
            pending.merge(out, readsOf.get(id), Integer::sum);
            for (NDArray a : args) {
                if (pending.merge(a, -1, Integer::sum) == 0 && !training) {
                    a.close(); // last reader done; in training autograd may still need it
                }
            }
        }
        if (!training) {
            scratch.close(); // parameter-derived temporaries; in training the input's manager owns them
        }
        return new NDList(values.get(outputId));
    }

    private void checkInput(NDArray input) {
        Shape s = input.getShape();
        TensorShape want = inputShape();
        boolean ok = s.dimension() == 4 && s.get(1) == want.channels() && s.get(2) == want.height()
                && s.get(3) == want.width();
        if (!ok) {
            throw new IllegalArgumentException("input '" + inputId + "' expects [N, " + want.channels() + ", "
                    + want.height() + ", " + want.width() + "], got " + s);
        }
    }

    /** Applies one node's op to its evaluated inputs. */
    private NDArray evaluate(Node node, List<String> inputIds, List<NDArray> args, Forward f) {
        String id = node.id();
        Op op = node.op();
        NDArray x = args.get(0);
        if (op instanceof Op.Conv c) {
            return OpKernels.conv(x, c, f.raw(id, "weight"), c.bias() ? f.raw(id, "bias") : null);
        }
        if (op instanceof Op.BatchNorm bn) {
            float djlMomentum = (float) (1 - batchNormMomentum); // DJL weighs the old value
            return OpKernels.batchNorm(x, f.raw(id, "gamma"), f.raw(id, "beta"), f.raw(id, "mean"),
                    f.raw(id, "var"), bn.eps(), djlMomentum, f.training);
        }
        if (op instanceof Op.Scale) {
            return OpKernels.scale(x, f.local(id, "scale"));
        }
        if (op instanceof Op.AvgPool pool) {
            return OpKernels.avgPool(x, pool);
        }
        if (op instanceof Op.Pad pad) {
            if (pad.mode() == Op.PadMode.ZERO) {
                return OpKernels.zeroPad(x, pad.padding());
            }
            return OpKernels.biasPad(x, pad.padding(), producerBias(inputIds.get(0), f),
                    borderMask(id, inputIds.get(0), x, pad.padding(), f));
        }
        if (op instanceof Op.Identity || op instanceof Op.Output) {
            return x;
        }
        if (op instanceof Op.Add) {
            OnlineRegion r = online.get(id);
            if (r != null) {
                return r.apply(x, r.kernel(f::local, f.scratch));
            }
            return OpKernels.add(args);
        }
        if (op instanceof Op.Concat) {
            return OpKernels.concat(args);
        }
        if (op instanceof Op.Relu) {
            return OpKernels.relu(x);
        }
        if (op instanceof Op.PRelu) {
            return OpKernels.prelu(x, f.local(id, "alpha"));
        }
        if (op instanceof Op.GlobalAvgPool) {
            return OpKernels.globalAvgPool(x);
        }
        if (op instanceof Op.Flatten) {
            return OpKernels.flatten(x);
        }
        if (op instanceof Op.Linear linear) {
            return OpKernels.linear(x, f.raw(id, "weight"), linear.bias() ? f.raw(id, "bias") : null);
        }
        if (op instanceof Op.Opaque o) {
            throw new IllegalArgumentException("node '" + id + "' is the ONNX op " + o.opType() + " kept from an imported"
                    + " model; designs with such opaque nodes do not run on DJL (no training or verify): fuse and"
                    + " export them with ./repstudio import MODEL.onnx --fuse");
        }
        throw new IllegalStateException("node '" + id + "': no DJL kernel for op " + op.kind());
    }

    /**
     * The border mask of a bias pad, built once and kept with the producer's parameters (so it outlives
     * the step), rebuilt when those are re-initialized or the input size or device changes.
     */
    private NDArray borderMask(String padId, String producerId, NDArray x, Padding p, Forward f) {
        long h = x.getShape().get(2) + p.top() + p.bottom();
        long w = x.getShape().get(3) + p.left() + p.right();
        NDArray mask = borderMasks.get(padId);
        if (mask == null || mask.isReleased() || mask.getShape().get(2) != h || mask.getShape().get(3) != w
                || !mask.getDevice().equals(x.getDevice()) || mask.getDataType() != x.getDataType()) {
            NDManager owner = nodeParams.get(producerId).values().iterator().next().getArray().getManager();
            mask = OpKernels.borderMask(owner, h, w, p, x);
            borderMasks.put(padId, mask);
        }
        return mask;
    }

    /** The per-channel bias [C] the producer adds: a conv's bias, or BatchNorm's from its running stats. */
    private NDArray producerBias(String producerId, Forward f) {
        Op op = graph.node(producerId).op();
        if (op instanceof Op.BatchNorm bn) {
            return OpKernels.batchNormBias(f.local(producerId, "gamma"), f.local(producerId, "beta"),
                    f.local(producerId, "mean"), f.local(producerId, "var"), bn.eps());
        }
        return f.local(producerId, "bias"); // Validator admits only BatchNorm and biased convs here
    }

    /** State of one forward pass: where parameters come from and where their temporaries go. */
    private final class Forward {
        final ParameterStore store;
        final Device device;
        final boolean training;
        /** Owns arrays derived from parameters so they never pile up in the parameters' own manager. */
        final NDManager scratch;

        Forward(ParameterStore store, Device device, boolean training, NDManager scratch) {
            this.store = store;
            this.device = device;
            this.training = training;
            this.scratch = scratch;
        }

        /** The parameter's value on this pass's device, for ops that take it as a non-first operand. */
        NDArray raw(String nodeId, String name) {
            return store.getValue(parameter(nodeId, name), device, training);
        }

        /** A view of the parameter owned by {@link #scratch}, for arithmetic on the parameter itself. */
        NDArray local(String nodeId, String name) {
            NDArray v = raw(nodeId, name);
            NDArray view = v.reshape(v.getShape());
            view.attach(scratch);
            return view;
        }
    }
}
