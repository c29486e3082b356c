package org.repstudio.core.io;

import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;

/**
 * Whole networks built from repeated re-param blocks, with a classifier head (global average pool,
 * flatten, linear 1000 with bias). Input [3, 224, 224]. Block node ids are prefixed with their stage
 * and block (e.g. "s3b2_conv3x3"), stages numbered as in the reference code: RepVGG from s0, MobileOne
 * from s1 because its stem is stage 0; blocks count from 0.
 */
public final class SampleNetworks {

    static final int IMAGE = 224;
    static final int CLASSES = 1000;

    private static final int[] REPVGG_A0_DEPTHS = {1, 2, 4, 14, 1};
    private static final int[] REPVGG_A0_WIDTHS = {48, 48, 96, 192, 1280};
    private static final int[] MOBILEONE_S0_BLOCKS = {2, 8, 10, 1};
    private static final int[] MOBILEONE_S0_WIDTHS = {48, 128, 256, 1024};
    private static final int MOBILEONE_S0_BRANCHES = 4;

    private SampleNetworks() {
    }

    /** RepVGG-A0: five stages of RepVGG blocks, stride 2 at the first block of each. */
    public static Graph repvggA0() {
        return a0(false);
    }

    /**
     * QARepVGG-A0 (Chu et al., "Make RepVGG Greater Again"): RepVGG-A0's stages and widths with the paper's block:
     * 3x3-BN + a bare 1x1 + the bare identity, summed, then one BN and ReLU.
     */
    public static Graph qarepvggA0() {
        return a0(true);
    }

    private static Graph a0(boolean quantizationAware) {
        BlockBuilder b = new BlockBuilder();
        String x = b.input("in", 3, IMAGE, IMAGE);
        int channels = 3;
        for (int s = 0; s < REPVGG_A0_DEPTHS.length; s++) {
            for (int i = 0; i < REPVGG_A0_DEPTHS[s]; i++) {
                int stride = i == 0 ? 2 : 1;
                String p = "s" + s + "b" + i + "_";
                x = quantizationAware ? b.qarepvgg(p, x, channels, REPVGG_A0_WIDTHS[s], stride)
                        : b.repvgg(p, x, channels, REPVGG_A0_WIDTHS[s], stride);
                channels = REPVGG_A0_WIDTHS[s];
            }
        }
        head(b, x);
        return b.build();
    }

    /**
     * MobileOne-S0: a 3x3 stride-2 stem block (3 to 48), then stages of depthwise 3x3 + pointwise 1x1
     * MobileOne blocks, k = 4 branches, stride 2 at the first block of each stage.
     */
    public static Graph mobileOneS0() {
        BlockBuilder b = new BlockBuilder();
        String x = b.input("in", 3, IMAGE, IMAGE);
        int channels = MOBILEONE_S0_WIDTHS[0];
        x = b.mobileOne("stem_", x, 3, channels, 3, 2, false, MOBILEONE_S0_BRANCHES);
        for (int s = 0; s < MOBILEONE_S0_BLOCKS.length; s++) {
            for (int i = 0; i < MOBILEONE_S0_BLOCKS[s]; i++) {
                int stride = i == 0 ? 2 : 1;
                String p = "s" + (s + 1) + "b" + i + "_";
                x = b.mobileOne(p + "dw_", x, channels, channels, 3, stride, true, MOBILEONE_S0_BRANCHES);
                x = b.mobileOne(p + "pw_", x, channels, MOBILEONE_S0_WIDTHS[s], 1, 1, false, MOBILEONE_S0_BRANCHES);
                channels = MOBILEONE_S0_WIDTHS[s];
            }
        }
        head(b, x);
        return b.build();
    }

    private static void head(BlockBuilder b, String features) {
        String pooled = b.op("gap", new Op.GlobalAvgPool(), features);
        String flat = b.op("flatten", new Op.Flatten(), pooled);
        b.output("out", b.op("fc", new Op.Linear(CLASSES, true), flat));
    }
}
