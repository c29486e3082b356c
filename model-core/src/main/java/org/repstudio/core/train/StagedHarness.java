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

        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Harness.Wiring w = new Harness.Wiring(nodes, edges);
        w.add("in", new Op.Input(input.channels(), input.height(), input.width()));
        String last = Harness.convBnRelu(w, "stem", width, spec.stemStride(), "in");
        for (int i = 1; i <= spec.copies(); i++) {
            String prefix = "s" + i + "_";
            if (i > 1 && !blockDownsamples) {
                last = Harness.convBnRelu(w, prefix + "down", width, 2, last);
            }
            last = Harness.copy(block, prefix, last, w, out.channels() != width && i < spec.copies() ? width : 0);
        }
        return Harness.classifier(w, last, classes, "the staged harness");
    }
}
