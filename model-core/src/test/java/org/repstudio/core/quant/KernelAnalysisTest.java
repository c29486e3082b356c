package org.repstudio.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.BranchContributions;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleBlocks;

/** Per-kernel analysis: ranges, outliers, and each branch's share of the widest channels. */
class KernelAnalysisTest {

    @Test
    void sharesOfTheWidestEntrySplitItBetweenBranches() {
        // channel 1's extreme 4.0 at (0,0,0) is 3.0 from branch a and 1.0 from branch b
        Tensor a = Tensor.of(new int[] {2, 1, 1, 2}, 0.5, 0.0, 3.0, 0.0);
        Tensor b = Tensor.of(new int[] {2, 1, 1, 2}, 0.5, 0.25, 1.0, 0.5);
        Tensor w = Tensor.of(new int[] {2, 1, 1, 2}, 1.0, 0.25, 4.0, 0.5);
        KernelReport r = KernelAnalysis.analyse("k", w, Optional.of(List.of(
                new BranchContributions.Branch(List.of("a"), a), new BranchContributions.Branch(List.of("b"), b))));
        KernelReport.WidestChannel top = r.widest().get(0);
        assertEquals(1, top.channel());
        assertEquals(4.0, top.maxAbs());
        assertEquals(new KernelReport.Entry(1, 0, 0, 0, 4.0), top.extreme());
        assertEquals(0.75, top.shares().get(0).share(), 1e-15);
        assertEquals(0.25, top.shares().get(1).share(), 1e-15);
        assertEquals("a", top.dominant().orElseThrow().branch());
        assertEquals(1.0, r.rangeSpread(), 1e-15); // widest 4 over the upper median of [1, 4]
    }

    @Test
    void anIsolatedHugeEntryIsAnOutlier() {
        double[] d = new double[200];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 2 == 0 ? 0.01 : -0.01);
        }
        d[37] = 5;
        KernelReport r = KernelAnalysis.analyse("k", new Tensor(new int[] {2, 1, 10, 10}, d), Optional.empty());
        assertEquals(1, r.outlierCount());
        assertEquals(new KernelReport.Entry(0, 0, 3, 7, 5.0), r.outliers().get(0));
        assertTrue(r.errorPerTensor()[1] > 0.1, "channel 1 is crushed by channel 0's scale");
        assertTrue(r.errorPerChannel()[1] < 0.01);
    }

    @Test
    void repvggBranchesAddUpToTheFusedKernel() {
        Graph g = SampleBlocks.repvgg(8, 8, 8, 1);
        Weights w = RandomWeights.generate(g, 7);
        FusionTrace t = FusionPlanner.fuse(g, w, false);
        List<KernelReport> reports = KernelAnalysis.of(t);
        assertEquals(1, reports.size());
        KernelReport r = reports.get(0);
        assertTrue(r.attributed());
        List<BranchContributions.Branch> branches = BranchContributions.of(t, r.node()).orElseThrow();
        assertEquals(List.of("conv3x3+bn3x3", "conv1x1+bn1x1", "bn_id"),
                branches.stream().map(BranchContributions.Branch::label).toList());
        Tensor fused = t.fusedWeights().get(r.node(), "weight");
        for (int i = 0; i < fused.size(); i++) {
            double sum = 0;
            for (BranchContributions.Branch b : branches) {
                sum += b.weight().get(i);
            }
            assertEquals(fused.get(i), sum, 1e-12);
        }
        // the identity branch only touches the centre tap of the diagonal
        Tensor id = branches.get(2).weight();
        for (int i = 0; i < id.size(); i++) {
            int col = i % 3;
            int row = (i / 3) % 3;
            int in = (i / 9) % 8;
            int out = i / 72;
            if (!(row == 1 && col == 1 && in == out)) {
                assertEquals(0.0, id.get(i));
            }
        }
        for (KernelReport.WidestChannel c : r.widest()) {
            assertEquals(1.0, c.shares().stream().mapToDouble(KernelReport.Share::share).sum(), 1e-9);
        }
    }

    @Test
    void qarepvggSharesAreReadBeforeItsBnAfterTheSum() {
        Graph g = SampleBlocks.qarepvgg(8, 8, 8, 1);
        FusionTrace t = FusionPlanner.fuse(g, RandomWeights.generate(g, 3), false);
        KernelReport r = KernelAnalysis.of(t).get(0);
        List<BranchContributions.Branch> branches = BranchContributions.of(t, r.node()).orElseThrow();
        assertEquals(List.of("conv3x3+bn3x3", "conv1x1", "identity"),
                branches.stream().map(BranchContributions.Branch::label).toList());
        for (KernelReport.WidestChannel c : r.widest()) {
            assertEquals(1.0, c.shares().stream().mapToDouble(KernelReport.Share::share).sum(), 1e-9);
            assertEquals(c.extreme().value(), c.shares().stream().mapToDouble(KernelReport.Share::contribution).sum(),
                    1e-9);
        }
    }

    @Test
    void aDesignWithNothingFusedIsRefusedClearly() {
        Graph g = org.repstudio.core.io.SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
        FusionTrace t = FusionPlanner.fuse(g, RandomWeights.generate(g, 1), false);
        FusionTrace nothing = new FusionTrace(t.fused(), t.fusedWeights(), List.of(), List.of(), List.of(), t.fused(),
                t.fusedWeights(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelAnalysis.of(nothing));
        assertTrue(e.getMessage().contains("nothing was fused"), e.getMessage());
    }
}
