package org.repstudio.core.engine;

import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;

/** Graphs the engine tests share. */
final class TestGraphs {

    private TestGraphs() {
    }

    /**
     * Training-time RepVGG-A0 (widths 48, 48, 96, 192, 1280; blocks 1, 2, 4, 14, 1) on a size x size RGB
     * image with a 1000-way classifier: about 170 nodes.
     */
    static Graph repVggA0(int size) {
        GraphBuilder b = new GraphBuilder().input("x", 3, size, size);
        int[] widths = {48, 48, 96, 192, 1280};
        int[] blocks = {1, 2, 4, 14, 1};
        String last = "x";
        int channels = 3;
        for (int s = 0; s < widths.length; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                String id = "s" + s + "b" + i;
                last = repVggBlock(b, id, last, channels, widths[s], i == 0 ? 2 : 1);
                channels = widths[s];
            }
        }
        return b.add("gap", new Op.GlobalAvgPool(), last).add("flat", new Op.Flatten(), "gap")
                .add("fc", new Op.Linear(1000, true), "flat").output("out", "fc").build();
    }

    /** 3x3-BN + 1x1-BN (+ BN identity when shapes allow), summed, then ReLU; returns the ReLU id. */
    static String repVggBlock(GraphBuilder b, String id, String in, int cin, int cout, int stride) {
        b.convBn(id + "_k3", in, cout, 3, stride, 1, 1);
        b.convBn(id + "_k1", in, cout, 1, stride, 0, 1);
        if (cin == cout && stride == 1) {
            b.bn(id + "_id", in);
            b.add(id + "_sum", new Op.Add(), id + "_k3_bn", id + "_k1_bn", id + "_id");
        } else {
            b.add(id + "_sum", new Op.Add(), id + "_k3_bn", id + "_k1_bn");
        }
        b.add(id + "_relu", new Op.Relu(), id + "_sum");
        return id + "_relu";
    }

    /** A single RepVGG block with an identity branch, c channels at h x w. */
    static Graph repVggBlock(int c, int h, int w) {
        GraphBuilder b = new GraphBuilder().input("x", c, h, w);
        String out = repVggBlock(b, "blk", "x", c, c, 1);
        return b.output("out", out).build();
    }

    /** A plain chain of {@code blocks} conv-BN-ReLU triples: 3 * blocks + 2 nodes. */
    static Graph deepChain(int blocks, int c, int size) {
        GraphBuilder b = new GraphBuilder().input("x", c, size, size);
        String last = "x";
        for (int i = 0; i < blocks; i++) {
            b.convBn("c" + i, last, c, 3, 1, 1, 1).add("r" + i, new Op.Relu(), "c" + i + "_bn");
            last = "r" + i;
        }
        return b.output("out", last).build();
    }
}
