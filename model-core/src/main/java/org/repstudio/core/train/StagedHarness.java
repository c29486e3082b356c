package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;

/**
 * The staged harness around a block: {@code input -> stem conv3x3-BN-ReLU (stride stemStride) -> stage 1
 * -> ... -> stage N -> global average pool -> flatten -> linear}. Every stage holds one copy of the block
 * under test (prefix {@code sN_}); every stage after the first opens with a plain conv 3x3 stride 2-BN-ReLU
 * ({@code sN_down}) unless the block itself downsamples. Halving the resolution per stage lets the last
 * stage's receptive field cover the whole image before the pooling, which the flat harness's copies at one
 * resolution do not (there the pooling averages 7x7 views, and the score says more about the harness than
 * about the block). A block that changes the channel count gets a 1x1 conv-BN-ReLU back to its input width
 * between stages, as in the flat harness.
 */
final class StagedHarness {

    private StagedHarness() {
    }

    static Graph wrap(Graph block, TensorShape input, int classes, HarnessSpec spec) {
        Map<String, TensorShape> shapes = ShapeInference.infer(block).shapes();
        TensorShape in = shapes.get(block.inputIds().get(0));
        String blockOut = block.outputIds().get(0);
        TensorShape out = shapes.get(blockOut);
        int width = in.channels();
        boolean blockDownsamples = out.height() < in.height();
        boolean endsInRelu = block.node(block.inputsOf(blockOut).get(0)).op() instanceof Op.Relu;

        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Harness.Wiring w = new Harness.Wiring(nodes, edges);
        w.add("in", new Op.Input(input.channels(), input.height(), input.width()));
        String last = convBnRelu(w, "stem", width, spec.stemStride(), "in");
        for (int i = 1; i <= spec.copies(); i++) {
            String prefix = "s" + i + "_";
            if (i > 1 && !blockDownsamples) {
                last = convBnRelu(w, prefix + "down", width, 2, last);
            }
            last = Harness.splice(block, prefix, last, w);
            if (!endsInRelu) {
                last = w.add(prefix + "relu_out", new Op.Relu(), last);
            }
            if (out.channels() != width && i < spec.copies()) {
                w.add(prefix + "adapt", Op.Conv.square(width, 1, 1, 0, 1, false), last);
                w.add(prefix + "adapt_bn", new Op.BatchNorm(1e-5), prefix + "adapt");
                last = w.add(prefix + "adapt_relu", new Op.Relu(), prefix + "adapt_bn");
            }
        }
        w.add("gap", new Op.GlobalAvgPool(), last);
        w.add("flatten", new Op.Flatten(), "gap");
        w.add("fc", new Op.Linear(classes, true), "flatten");
        w.add("out", new Op.Output(), "fc");
        Graph g = new Graph(nodes, edges);
        Harness.requireValid(g, "the staged harness");
        return g;
    }

    private static String convBnRelu(Harness.Wiring w, String id, int width, int stride, String from) {
        w.add(id, Op.Conv.square(width, 3, stride, 1, 1, false), from);
        w.add(id + "_bn", new Op.BatchNorm(1e-5), id);
        return w.add(id + "_relu", new Op.Relu(), id + "_bn");
    }
}
