package org.repstudio.core.io;

import java.util.List;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

/**
 * The training-time blocks of the bundled samples, built in code so tests, the catalog and the sample
 * files share one definition. Unless a method says otherwise: input [16, 32, 32] with id "in", BN eps
 * 1e-5, convs without bias, ReLU after the sum, output id "out".
 */
public final class SampleBlocks {

    static final int CHANNELS = 16;
    static final int SIZE = 32;

    private SampleBlocks() {
    }

    /** RepVGG block [in, size, size] to [out, size/stride, size/stride]; identity only when it fits. */
    public static Graph repvgg(int in, int out, int size, int stride) {
        BlockBuilder b = new BlockBuilder();
        b.output("out", b.repvgg("", b.input("in", in, size, size), in, out, stride));
        return b.build();
    }

    /** QARepVGG block [in, size, size] to [out, size/stride, size/stride]: RepVGG with one BN after the sum. */
    public static Graph qarepvgg(int in, int out, int size, int stride) {
        BlockBuilder b = new BlockBuilder();
        b.output("out", b.qarepvgg("", b.input("in", in, size, size), in, out, stride));
        return b.build();
    }

    /** ACNet block: KxK-BN + 1xK-BN + Kx1-BN, the asymmetric kernels padded to share the KxK centre. */
    public static Graph acb(int k) {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String kk = k + "x" + k;
        String row = "1x" + k;
        String col = k + "x1";
        String square = b.bn("bn" + kk, b.conv("conv" + kk, in, CHANNELS, k, 1, k / 2, 1));
        String horizontal = b.bn("bn" + row, b.op("conv" + row, asymmetric(1, k), in));
        String vertical = b.bn("bn" + col, b.op("conv" + col, asymmetric(k, 1), in));
        b.output("out", b.relu("relu", b.add("add", List.of(square, horizontal, vertical))));
        return b.build();
    }

    private static Op.Conv asymmetric(int kh, int kw) {
        Padding centred = new Padding(kh / 2, kh / 2, kw / 2, kw / 2);
        return new Op.Conv(CHANNELS, kh, kw, 1, 1, centred, 1, 1, 1, false);
    }

    /**
     * Diverse Branch Block: KxK-BN; 1x1-BN; 1x1-BN, pad, AvgPool(K, s), BN; 1x1-BN, pad, KxK, BN. With
     * {@code biasPadding} the two padded branches pad with the BN bias in a Pad node (exact, as in the
     * reference); without it the pool and the KxK pad with zeros themselves (not exact at the border).
     */
    public static Graph dbb(int k, int stride, int groups, boolean biasPadding) {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String kk = k + "x" + k;
        int half = k / 2;
        String square = b.bn("bn" + kk, b.conv("conv" + kk, in, CHANNELS, k, stride, half, groups));
        String point = b.bn("bn1x1", b.conv("conv1x1", in, CHANNELS, 1, stride, 0, groups));
        String avgIn = b.bn("avg_bn1", b.conv("avg_conv1x1", in, CHANNELS, 1, 1, 0, groups));
        String seqIn = b.bn("seq_bn1", b.conv("seq_conv1x1", in, CHANNELS, 1, 1, 0, groups));
        int innerPad = half;
        if (biasPadding) {
            avgIn = b.op("avg_pad", new Op.Pad(Padding.of(half), Op.PadMode.BIAS), avgIn);
            seqIn = b.op("seq_pad", new Op.Pad(Padding.of(half), Op.PadMode.BIAS), seqIn);
            innerPad = 0;
        }
        String pooled = b.op("avg_pool", new Op.AvgPool(k, k, stride, stride, Padding.of(innerPad)), avgIn);
        String avg = b.bn("avg_bn2", pooled);
        String seq = b.bn("seq_bn2", b.conv("seq_conv" + kk, seqIn, CHANNELS, k, stride, innerPad, groups));
        b.output("out", b.relu("relu", b.add("add", List.of(square, point, avg, seq))));
        return b.build();
    }

    /**
     * OREPA block (K = 3) in its training form: five branches each ending in a per-channel Scale instead
     * of a BN, summed, then one BN and ReLU. No bias sits before the BN, so zero padding stays exact.
     */
    public static Graph orepa() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String origin = b.op("scale_origin", new Op.Scale(), b.conv("conv3x3", in, CHANNELS, 3, 1, 1, 1));
        String avgConv = b.conv("avg_conv1x1", in, CHANNELS, 1, 1, 0, 1);
        String pool = b.op("avg_pool", new Op.AvgPool(3, 3, 1, 1, Padding.of(1)), avgConv);
        String avg = b.op("scale_avg", new Op.Scale(), pool);
        String point = b.op("scale_1x1", new Op.Scale(), b.conv("conv1x1", in, CHANNELS, 1, 1, 0, 1));
        String seqConv = b.conv("seq_conv3x3", b.conv("seq_conv1x1", in, CHANNELS, 1, 1, 0, 1), CHANNELS, 3, 1, 1, 1);
        String seq = b.op("scale_seq", new Op.Scale(), seqConv);
        String dw = b.conv("dw_conv3x3", in, CHANNELS, 3, 1, 1, CHANNELS);
        String dwpw = b.op("scale_dwpw", new Op.Scale(), b.conv("pw_conv1x1", dw, CHANNELS, 1, 1, 0, 1));
        String sum = b.add("add", List.of(origin, avg, point, seq, dwpw));
        b.output("out", b.relu("relu", b.bn("bn", sum)));
        return b.build();
    }

    /** RepLKNet pair: depthwise {@code bigK}x{@code bigK}-BN + depthwise 5x5-BN, both padded K//2. */
    public static Graph repLk(int bigK) {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String kk = bigK + "x" + bigK;
        String large = b.bn("bn" + kk, b.conv("conv" + kk, in, CHANNELS, bigK, 1, bigK / 2, CHANNELS));
        String small = b.bn("bn5x5", b.conv("conv5x5", in, CHANNELS, 5, 1, 2, CHANNELS));
        b.output("out", b.relu("relu", b.add("add", List.of(large, small))));
        return b.build();
    }

    /** RepGhost: primary 1x1-BN-ReLU, then depthwise 3x3-BN plus a BN-only shortcut on it, added. */
    public static Graph repGhost() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String primary = b.relu("primary_relu", b.bn("primary_bn", b.conv("primary_conv1x1", in, CHANNELS, 1, 1, 0, 1)));
        String cheap = b.bn("dw_bn3x3", b.conv("dw_conv3x3", primary, CHANNELS, 3, 1, 1, CHANNELS));
        String shortcut = b.bn("bn_id", primary);
        b.output("out", b.relu("relu", b.add("add", List.of(cheap, shortcut))));
        return b.build();
    }

    /** MobileOne pair: depthwise 3x3 block (16 ch) then pointwise 1x1 block (16 to 32), k branches each. */
    public static Graph mobileOnePair(int branches) {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String dw = b.mobileOne("dw_", in, CHANNELS, CHANNELS, 3, 1, true, branches);
        b.output("out", b.mobileOne("pw_", dw, CHANNELS, 2 * CHANNELS, 1, 1, false, branches));
        return b.build();
    }

    /** Inception-style block: 1x1-BN, 3x3-BN, 5x5-BN and AvgPool-1x1-BN, 8 channels each, concatenated. */
    public static Graph inceptionConcat() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        int w = CHANNELS / 2;
        String b1 = b.bn("b1_bn1x1", b.conv("b1_conv1x1", in, w, 1, 1, 0, 1));
        String b3 = b.bn("b3_bn3x3", b.conv("b3_conv3x3", in, w, 3, 1, 1, 1));
        String b5 = b.bn("b5_bn5x5", b.conv("b5_conv5x5", in, w, 5, 1, 2, 1));
        String pool = b.op("pool_avg3x3", new Op.AvgPool(3, 3, 1, 1, Padding.of(1)), in);
        String bp = b.bn("pool_bn1x1", b.conv("pool_conv1x1", pool, w, 1, 1, 0, 1));
        String cat = b.op("concat", new Op.Concat(), b1, b3, b5, bp);
        b.output("out", b.relu("relu", cat));
        return b.build();
    }

    /**
     * EfficientNetV2 Fused-MBConv: 3x3 conv (16 to 64)-BN-ReLU, 1x1 conv (64 to 16)-BN, plus the input
     * (no activation after the add). The ReLU between the convs makes the residual branch non-linear.
     */
    public static Graph fusedMbConv() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String expand = b.relu("expand_relu", b.bn("expand_bn", b.conv("expand_conv3x3", in, 4 * CHANNELS, 3, 1, 1, 1)));
        String project = b.bn("project_bn", b.conv("project_conv1x1", expand, CHANNELS, 1, 1, 0, 1));
        b.output("out", b.add("add", List.of(project, in)));
        return b.build();
    }

    /**
     * RMNet: a stem, then a ResNet basic block (3x3-BN-ReLU-3x3-BN + identity, ReLU) and a downsampling
     * one (stride 2, 16 to 32 ch, 1x1-BN shortcut). Fused with residual removal it becomes a plain
     * conv-ReLU chain.
     */
    public static Graph rmnetResBlocks() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem_conv", in, CHANNELS, 3, 1, 1, 1)));
        x = resBlock(b, "b1_", x, CHANNELS, CHANNELS, 1);
        x = resBlock(b, "b2_", x, CHANNELS, 2 * CHANNELS, 2);
        b.output("out", x);
        return b.build();
    }

    private static String resBlock(BlockBuilder b, String p, String x, int inC, int outC, int stride) {
        String h = b.relu(p + "relu1", b.bn(p + "bn1", b.conv(p + "conv1", x, outC, 3, stride, 1, 1)));
        String y = b.bn(p + "bn2", b.conv(p + "conv2", h, outC, 3, 1, 1, 1));
        String shortcut = inC == outC && stride == 1 ? x
                : b.bn(p + "down_bn", b.conv(p + "down_conv", x, outC, 1, stride, 0, 1));
        return b.relu(p + "relu", b.add(p + "add", List.of(y, shortcut)));
    }

    /**
     * RMNet on MobileNetV2: a stem, then two inverted residual blocks (1x1 expand x4 -BN-ReLU, depthwise
     * 3x3-BN-ReLU, 1x1 project-BN, + input). Residual removal reserves the input through PReLUs, and the
     * project conv of one block then merges with the expand conv of the next: a MobileNetV1-style net.
     */
    public static Graph mobileNetV2Blocks() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem_conv", in, CHANNELS, 3, 1, 1, 1)));
        for (int i = 1; i <= 2; i++) {
            String p = "ir" + i + "_";
            String e = b.relu(p + "expand_relu", b.bn(p + "expand_bn", b.conv(p + "expand", x, 4 * CHANNELS, 1, 1, 0, 1)));
            String d = b.relu(p + "dw_relu", b.bn(p + "dw_bn", b.conv(p + "dw", e, 4 * CHANNELS, 3, 1, 1, 4 * CHANNELS)));
            String proj = b.bn(p + "project_bn", b.conv(p + "project", d, CHANNELS, 1, 1, 0, 1));
            x = b.add(p + "add", List.of(proj, x));
        }
        b.output("out", x);
        return b.build();
    }

    /**
     * RepMLP: an FC layer over an 8x8 partition (8 ch) plus 3x3-BN and 1x1-BN conv branches on the same
     * input, flattened and added to the FC's output; the conv branches merge into the FC weights.
     */
    public static Graph repMlp() {
        BlockBuilder b = new BlockBuilder();
        int c = 8;
        int size = 8;
        String in = b.input("in", c, size, size);
        String fc = b.op("fc", new Op.Linear(c * size * size, true), b.op("fc_flatten", new Op.Flatten(), in));
        String k3 = b.op("conv3x3_flatten", new Op.Flatten(), b.bn("bn3x3", b.conv("conv3x3", in, c, 3, 1, 1, 1)));
        String k1 = b.op("conv1x1_flatten", new Op.Flatten(), b.bn("bn1x1", b.conv("conv1x1", in, c, 1, 1, 0, 1)));
        b.output("out", b.relu("relu", b.add("add", List.of(fc, k3, k1))));
        return b.build();
    }

    /**
     * ResRep: a stem, two conv3x3-BN layers each followed by a compactor (1x1 conv, no bias) and ReLU,
     * and a conv3x3-BN-ReLU head that reads the last compactor. Its stored weights have compactor rows
     * at zero, as ResRep training leaves them; fusing prunes them and merges conv-BN-compactor.
     */
    public static Graph resRep() {
        BlockBuilder b = new BlockBuilder();
        String in = b.input("in", CHANNELS, SIZE, SIZE);
        String x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem_conv", in, CHANNELS, 3, 1, 1, 1)));
        for (int i = 1; i <= 2; i++) {
            String p = "l" + i + "_";
            String bn = b.bn(p + "bn", b.conv(p + "conv", x, CHANNELS, 3, 1, 1, 1));
            x = b.relu(p + "relu", b.conv(p + "compactor", bn, CHANNELS, 1, 1, 0, 1));
        }
        b.output("out", b.relu("head_relu", b.bn("head_bn", b.conv("head_conv", x, CHANNELS, 3, 1, 1, 1))));
        return b.build();
    }
}
