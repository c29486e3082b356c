package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.fusion.Compactors;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.SampleCatalog;

/** ResRep end to end on a short run: masked rows pruned exactly, narrower convs, fewer MACs. */
class ResRepTest {

    @Test
    void compactorsGoAfterConvBnReluThatFeedConvs() {
        Graph repvgg = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
        Graph h = Harness.build(repvgg, org.repstudio.core.graph.TensorShape.spatial(1, 32, 32), 8, HarnessSpec.DEFAULT);
        Graph with = ResRep.withCompactors(h);
        // the stem's ReLU also feeds RepVGG's BN identity branch, so no compactor can prune its channels
        assertEquals(0, Compactors.prunable(with).size());
        Graph resrep = SampleCatalog.find("resrep.json").orElseThrow().design().graph();
        Graph h2 = Harness.build(resrep, org.repstudio.core.graph.TensorShape.spatial(1, 32, 32), 8, HarnessSpec.DEFAULT);
        Graph with2 = ResRep.withCompactors(h2);
        assertEquals(8, Compactors.prunable(with2).size(), "2 per copy in the design + stem + one per copy inserted");
        assertTrue(with2.node(Compactors.prunable(with2).get(0)).op() instanceof Op.Conv);
    }

    @Test
    void shortRunPrunesExactlyAndRemovesMacs() {
        Graph design = SampleCatalog.find("resrep.json").orElseThrow().design().graph();
        ImageData data = GeneratedShapes.generate(3);
        TrainConfig cfg = new TrainConfig(3, 1, 32, TrainConfig.OptimizerKind.SGD, 0.05, 0.9, 5e-4,
                TrainConfig.Schedule.COSINE, "cpu", null, HarnessSpec.DEFAULT, 640, 256);
        ResRepSession.Report r = ResRepSession.run(design, data, cfg, 0.4, 1e-4, 0.2, new TrainingListener() {
        }, new CancelToken());
        assertTrue(r.exact(), "fusing the pruned network was not exact");
        // 20 steps are too few for the masked rows to fade, so accuracy is not compared here; the CLI run
        // (train --resrep, 2 epochs) is where before and after agree
        assertTrue(r.macsRemoved() > 0.3, "removed only " + r.macsRemoved());
        int kept = r.channels().values().stream().mapToInt(k -> k[0]).sum();
        int total = r.channels().values().stream().mapToInt(k -> k[1]).sum();
        assertTrue(kept < total && kept > 0, kept + " of " + total);
    }
}
