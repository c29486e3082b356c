package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.PerChannel;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * The float64 reference is independent of the fusion's transforms: with a deliberately wrong BN-as-conv formula
 * in the fusion, each step that used it shows a large error. (A reference that computed BN through the same
 * formula, as it once did, reported zero error here.)
 */
class WrongTransformTest {

    @AfterEach
    void restore() {
        NodeConvs.batchNormTransform = PerChannel::ofBatchNorm;
    }

    private static FusionTrace fuseRepVgg() throws Exception {
        DesignFile d = DesignIO.read(Path.of("..", "samples", "repvgg-s1.json"));
        Weights w = RandomWeights.generate(d.graph(), 3);
        return FusionPlanner.fuse(d.graph(), w, FusionOptions.DEFAULT);
    }

    @Test
    void theRightFormulaMeasuresExact() throws Exception {
        assertTrue(fuseRepVgg().maxStepError() <= 1e-10, "correct transforms fuse exactly");
    }

    @Test
    void aWrongBatchNormAsConvIsCaughtAsAStepError() throws Exception {
        // forgets the square root: scale gamma / (var + eps) instead of gamma / sqrt(var + eps)
        NodeConvs.batchNormTransform = (gamma, beta, mean, var, eps) -> {
            double[][] st = PerChannel.ofBatchNorm(gamma, beta, mean, var, eps);
            for (int c = 0; c < st[0].length; c++) {
                st[0][c] = gamma.get(c) / (var.get(c) + eps);
                st[1][c] = beta.get(c) - mean.get(c) * st[0][c];
            }
            return st;
        };
        FusionTrace t = fuseRepVgg();
        for (FusionStep s : t.steps()) {
            if (s.rule() == FusionRule.BN_AS_CONV) {
                assertTrue(s.maxAbsError() > 1e-3, "the wrong formula is blamed on its step: " + s.summary());
            } else if (s.rule() == FusionRule.BN_FOLD) {
                assertTrue(s.maxAbsError() <= 1e-10, "the right fold is not blamed: " + s.summary());
            }
        }
        assertTrue(t.steps().stream().anyMatch(s -> s.rule() == FusionRule.BN_AS_CONV), "RepVGG's identity BN");
    }

    @Test
    void theReferenceComputesBatchNormFromItsDefinition() {
        Tensor x = Tensor.of(new int[] {1, 2, 1, 1}, 1.0, -2.0);
        Tensor y = ReferenceOps.batchNorm(x, Tensor.vector(2, 3), Tensor.vector(0.5, -1), Tensor.vector(0.25, 1),
                Tensor.vector(4, 0.0001), 1e-5);
        assertTrue(Math.abs(y.get(0) - ((1.0 - 0.25) / Math.sqrt(4.00001) * 2 + 0.5)) < 1e-15);
        assertTrue(Math.abs(y.get(1) - ((-2.0 - 1) / Math.sqrt(0.0001 + 1e-5) * 3 - 1)) < 1e-12);
    }
}
