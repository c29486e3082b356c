package org.repstudio.core.io;

import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.graph.RandomWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignFile.Expect;

/**
 * Every bundled sample as a {@link DesignFile}: graph from {@link SampleBlocks} or
 * {@link SampleNetworks}, a title, a one-line description, the method, whether it should fuse exactly,
 * and positions from {@link LayeredLayout}. The files under samples/ are generated from this list
 * and a test keeps them equal to it.
 */
public final class SampleCatalog {

    /** One sample: its path under samples/ (forward slashes) and its design. */
    public record Sample(String path, DesignFile design) {
    }

    private SampleCatalog() {
    }

    /** Built once on first use: designs are immutable values and the networks take a moment to lay out. */
    private static final class Holder {
        static final List<Sample> ALL = build();
    }

    /** All samples, blocks first, then whole networks, then designs that must be refused. */
    public static List<Sample> all() {
        return Holder.ALL;
    }

    private static List<Sample> build() {
        List<Sample> s = new ArrayList<>();
        blocks(s);
        networks(s);
        refused(s);
        return List.copyOf(s);
    }

    /** The sample stored at {@code path} (e.g. "networks/repvgg-a0.json"). */
    public static Optional<Sample> find(String path) {
        return all().stream().filter(x -> x.path().equals(path)).findFirst();
    }

    private static void blocks(List<Sample> s) {
        add(s, "repvgg-s1.json", "RepVGG block, stride 1", "RepVGG",
                "3x3-BN + 1x1-BN + BN identity, summed, ReLU (16 ch, 32x32)",
                Expect.EXACT, SampleBlocks.repvgg(16, 16, 32, 1));
        add(s, "repvgg-s2.json", "RepVGG block, stride 2", "RepVGG",
                "3x3-BN + 1x1-BN at stride 2, 16 to 32 ch, no identity (shapes differ)",
                Expect.EXACT, SampleBlocks.repvgg(16, 32, 32, 2));
        add(s, "qarepvgg.json", "QARepVGG block, stride 1", "QARepVGG",
                "3x3-BN + bare 1x1 + bare identity, summed, one BN, ReLU: RepVGG made INT8-friendly (16 ch, 32x32)",
                Expect.EXACT, SampleBlocks.qarepvgg(16, 16, 32, 1));
        for (int k : new int[] {3, 5}) {
            add(s, "acb-k" + k + ".json", "ACNet block, K=" + k, "ACNet",
                    k + "x" + k + "-BN + 1x" + k + "-BN + " + k + "x1-BN with centred asymmetric padding (16 ch)",
                    Expect.EXACT, SampleBlocks.acb(k));
        }
        int[][] dbb = {{3, 1, 1}, {3, 2, 2}, {5, 1, 2}, {5, 2, 1}};
        for (int[] v : dbb) {
            add(s, "dbb-k" + v[0] + "-s" + v[1] + "-g" + v[2] + ".json",
                    "Diverse Branch Block, K=" + v[0] + " stride " + v[1] + " groups " + v[2], "DBB",
                    "KxK-BN + 1x1-BN + 1x1-BN-pad-avg-BN + 1x1-BN-pad-KxK-BN, bias padding (16 ch)",
                    Expect.EXACT, SampleBlocks.dbb(v[0], v[1], v[2], true));
        }
        add(s, "orepa.json", "OREPA block, K=3", "OREPA",
                "five branches with per-channel scales instead of BNs, summed, one BN, ReLU (16 ch)",
                Expect.EXACT, SampleBlocks.orepa());
        add(s, "replk-13.json", "RepLKNet 13x13 + 5x5", "RepLKNet",
                "depthwise 13x13-BN + depthwise 5x5-BN, summed, ReLU (16 ch)",
                Expect.EXACT, SampleBlocks.repLk(13));
        add(s, "replk-31.json", "RepLKNet 31x31 + 5x5", "RepLKNet",
                "depthwise 31x31-BN + depthwise 5x5-BN, summed, ReLU (16 ch)",
                Expect.EXACT, SampleBlocks.repLk(31));
        add(s, "repghost.json", "RepGhost block", "RepGhost",
                "1x1-BN-ReLU, then depthwise 3x3-BN + BN shortcut on it, added, ReLU (16 ch)",
                Expect.EXACT, SampleBlocks.repGhost());
        add(s, "mobileone.json", "MobileOne block pair, k=4", "MobileOne",
                "depthwise 3x3 block with BN skip and 1x1 scale branch, then pointwise 1x1 block 16 to 32 ch",
                Expect.EXACT, SampleBlocks.mobileOnePair(4));
        add(s, "inception-concat.json", "Inception-style concatenation", "Inception",
                "1x1-BN, 3x3-BN, 5x5-BN and avgpool-1x1-BN branches of 8 ch, concatenated, ReLU",
                Expect.EXACT, SampleBlocks.inceptionConcat());
    }

    private static void networks(List<Sample> s) {
        add(s, "networks/repvgg-a0.json", "RepVGG-A0", "RepVGG",
                "22 RepVGG blocks in stages of 1, 2, 4, 14, 1 (48 to 1280 ch), 224x224 input, 1000 classes",
                Expect.EXACT, SampleNetworks.repvggA0());
        add(s, "networks/qarepvgg-a0.json", "QARepVGG-A0", "QARepVGG",
                "RepVGG-A0 with QARepVGG blocks (3x3-BN + bare 1x1 + bare identity, one BN after the sum), 224x224, "
                        + "1000 classes", Expect.EXACT, SampleNetworks.qarepvggA0());
        add(s, "networks/mobileone-s0.json", "MobileOne-S0", "MobileOne",
                "stem + 21 depthwise/pointwise MobileOne block pairs, k=4, 224x224 input, 1000 classes",
                Expect.EXACT, SampleNetworks.mobileOneS0());
    }

    private static void refused(List<Sample> s) {
        add(s, "refused/dbb-zero-pad.json", "DBB with zero padding", "DBB",
                "DBB K=3 whose pool and KxK pad zeros after a biased 1x1-BN: wrong at the border",
                Expect.REFUSED, SampleBlocks.dbb(3, 1, 1, false));
        add(s, "rmnet-resblocks.json", "RMNet: ResNet blocks to plain", "RMNet",
                "stem + basic block + downsampling block (1x1-BN shortcut); residuals removed by reserving channels",
                Expect.EXACT, SampleBlocks.rmnetResBlocks());
        add(s, "rmnet-mobilenetv2.json", "RMNet: MobileNetV2 to MobileNetV1", "RMNet",
                "stem + two inverted residual blocks; PReLU-reserved input, then project and expand 1x1s merge",
                Expect.EXACT, SampleBlocks.mobileNetV2Blocks());
        add(s, "repmlp.json", "RepMLP: conv branches into an FC", "RepMLP",
                "FC over an 8x8x8 partition + 3x3-BN and 1x1-BN branches, flattened and added; merged into the FC",
                Expect.EXACT, SampleBlocks.repMlp());
        s.add(new Sample("resrep.json", DesignFile.of("ResRep: pruned by compactors", "stem + two conv3x3-BN-compactor-ReLU"
                + " layers with 6 of 16 compactor rows at zero (stored weights) + head; pruned, then merged", "ResRep",
                SampleBlocks.resRep()).withPositions(LayeredLayout.positions(SampleBlocks.resRep()))
                .withExpect(Expect.EXACT).withWeights("resrep.rsw")));
        add(s, "refused/fused-mbconv.json", "EfficientNetV2 Fused-MBConv", "Fused-MBConv",
                "3x3-BN-ReLU-1x1-BN + input: the ReLU inside the residual branch cannot be fused",
                Expect.REFUSED, SampleBlocks.fusedMbConv());
    }

    private static void add(List<Sample> s, String path, String name, String method, String description,
                            Expect expect, Graph graph) {
        Map<String, Position> positions = LayeredLayout.positions(graph);
        DesignFile d = DesignFile.of(name, description, method, graph).withPositions(positions).withExpect(expect);
        s.add(new Sample(path, d));
    }

    /**
     * Weights a sample ships in its sidecar, if it names one: for ResRep, random weights whose compactors
     * start near identity and have rows 0, 3, 5, 8, 11 and 14 at exactly zero, as after ResRep training.
     */
    public static Optional<Weights> storedWeights(String path) {
        if (!path.equals("resrep.json")) {
            return Optional.empty();
        }
        Graph g = SampleBlocks.resRep();
        Weights w = RandomWeights.generate(g, 2024);
        java.util.Random rnd = new java.util.Random(2024);
        java.util.Set<Integer> zero = java.util.Set.of(0, 3, 5, 8, 11, 14);
        for (String id : List.of("l1_compactor", "l2_compactor")) {
            Tensor q = Tensor.zeros(16, 16, 1, 1);
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16 && !zero.contains(r); c++) {
                    q.data()[r * 16 + c] = (r == c ? 1 : 0) + 0.05 * rnd.nextGaussian();
                }
            }
            w = w.with(id, java.util.Map.of("weight", q));
        }
        return Optional.of(w);
    }
}
