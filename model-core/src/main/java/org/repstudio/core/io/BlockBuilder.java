package org.repstudio.core.io;

import java.util.ArrayList;
import java.util.List;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;

/**
 * {@link GraphBuilder} with the vocabulary the samples are written in: every method returns the id of
 * the node it added, so branches read as chains ({@code bn("bn3x3", conv("conv3x3", in, ...))}), plus
 * the two blocks that whole networks repeat (RepVGG and MobileOne).
 */
final class BlockBuilder {

    /** Every BN in the samples uses PyTorch's default, so fused results match reference code. */
    static final double BN_EPS = 1e-5;

    private final GraphBuilder g = new GraphBuilder();

    String input(String id, int channels, int height, int width) {
        g.input(id, channels, height, width);
        return id;
    }

    String op(String id, Op op, String... inputs) {
        g.add(id, op, inputs);
        return id;
    }

    /** A square KxK conv without bias (a BN or scale follows it in every sample). */
    String conv(String id, String in, int out, int k, int stride, int pad, int groups) {
        return op(id, Op.Conv.square(out, k, stride, pad, groups, false), in);
    }

    String bn(String id, String in) {
        return op(id, new Op.BatchNorm(BN_EPS), in);
    }

    String relu(String id, String in) {
        return op(id, new Op.Relu(), in);
    }

    String add(String id, List<String> inputs) {
        return op(id, new Op.Add(), inputs.toArray(new String[0]));
    }

    String output(String id, String in) {
        return op(id, new Op.Output(), in);
    }

    /**
     * RepVGG block: 3x3-BN (pad 1) + 1x1-BN (pad 0), plus a BN-only identity when shapes allow; summed,
     * then ReLU. Node ids start with {@code p}. Returns the ReLU's id.
     */
    String repvgg(String p, String in, int inC, int outC, int stride) {
        List<String> branches = new ArrayList<>();
        branches.add(bn(p + "bn3x3", conv(p + "conv3x3", in, outC, 3, stride, 1, 1)));
        branches.add(bn(p + "bn1x1", conv(p + "conv1x1", in, outC, 1, stride, 0, 1)));
        if (inC == outC && stride == 1) {
            branches.add(bn(p + "bn_id", in));
        }
        return relu(p + "relu", add(p + "add", branches));
    }

    /**
     * QARepVGG block (Chu et al.): 3x3-BN + a bare 1x1 conv + the bare identity (when shapes allow), summed,
     * then one BN and ReLU. Without BNs on the 1x1 and identity branches their scales cannot blow up the fused
     * kernel's per-channel range. Returns the ReLU's id.
     */
    String qarepvgg(String p, String in, int inC, int outC, int stride) {
        List<String> branches = new ArrayList<>();
        branches.add(bn(p + "bn3x3", conv(p + "conv3x3", in, outC, 3, stride, 1, 1)));
        branches.add(conv(p + "conv1x1", in, outC, 1, stride, 0, 1));
        if (inC == outC && stride == 1) {
            branches.add(in);
        }
        return relu(p + "relu", bn(p + "bn", add(p + "add", branches)));
    }

    /**
     * MobileOne block: BN skip (same channels, stride 1) + {@code branches} KxK-BN + a 1x1-BN scale
     * branch when K > 1; summed, then ReLU. Depthwise blocks use groups = channels. Returns the ReLU's id.
     */
    String mobileOne(String p, String in, int inC, int outC, int k, int stride, boolean depthwise, int branches) {
        int groups = depthwise ? inC : 1;
        String kk = k + "x" + k;
        List<String> sum = new ArrayList<>();
        if (inC == outC && stride == 1) {
            sum.add(bn(p + "bn_skip", in));
        }
        for (int i = 1; i <= branches; i++) {
            sum.add(bn(p + "bn" + kk + "_" + i, conv(p + "conv" + kk + "_" + i, in, outC, k, stride, k / 2, groups)));
        }
        if (k > 1) {
            sum.add(bn(p + "bn1x1", conv(p + "conv1x1", in, outC, 1, stride, 0, groups)));
        }
        return relu(p + "relu", add(p + "add", sum));
    }

    Graph build() {
        return g.build();
    }
}
