package org.repstudio.app.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleBlocks;

/** The Quantization view's model, without the toolkit. */
class QuantViewModelTest {

    @Test
    void oneRowPerFusedKernelWithAnErrorMapPerChannel() {
        Graph g = SampleBlocks.repvgg(16, 16, 32, 1);
        QuantViewModel vm = QuantViewModel.of(g, RandomWeights.generate(g, 42), org.repstudio.core.fusion.FusionOptions.forMethod("RepVGG", false));
        assertEquals(1, vm.kernels().size());
        QuantViewModel.KernelView k = vm.kernels().get(0);
        assertEquals(16, k.errorMap().length);
        assertEquals(2, k.errorMap()[0].length);
        assertEquals(100 * k.report().errorPerTensor()[3], k.errorMap()[3][0], 1e-12);
        assertTrue(k.summary().startsWith("add [16, 16, 3, 3]"), k.summary());
        assertTrue(k.details().get(0).contains("bn_id"), k.details().get(0));
    }

    @Test
    void aFusedDesignHasNothingToShow() {
        Graph g = SampleBlocks.repvgg(16, 16, 32, 1);
        Weights w = RandomWeights.generate(g, 1);
        var t = FusionPlanner.fuse(g, w, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantViewModel.of(t.fused(), t.fusedWeights(), org.repstudio.core.fusion.FusionOptions.forMethod("", false)));
        assertTrue(e.getMessage().contains("nothing was fused"));
    }
}
