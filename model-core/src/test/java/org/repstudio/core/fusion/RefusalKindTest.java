package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.RefusalKind;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/** Refusals say why as a value, whom they blame and what fixes them, so no caller reads the English back. */
class RefusalKindTest {

    private static Refusal onlyRefusal(String sample) throws Exception {
        DesignFile d = DesignIO.read(Path.of("..", "samples", sample));
        FusionTrace t = FusionPlanner.fuse(d.graph(), RandomWeights.generate(d.graph(), 1), false);
        assertEquals(1, t.refusals().size(), t.refusals().toString());
        return t.refusals().get(0);
    }

    @Test
    void biasedZeroPaddingBlamesTheTwoOpsAndOffersBiasPadding() throws Exception {
        Refusal r = onlyRefusal("refused/dbb-zero-pad.json");
        assertEquals(RefusalKind.BIASED_ZERO_PADDING, r.kind());
        assertEquals(Optional.of(Remedy.BIAS_PADDING), r.remedy());
        assertEquals(2, r.blamed().size(), r.blamed().toString());
        assertTrue(r.nodes().containsAll(r.blamed()));
        assertTrue(r.reason().endsWith(Remedy.BIAS_PADDING.advice()), r.reason());
    }

    @Test
    void aNonlinearityInsideHasNoRemedy() throws Exception {
        Refusal r = onlyRefusal("refused/fused-mbconv.json");
        assertTrue(r.remedy().isEmpty(), r.toString());
        assertTrue(r.kind() != RefusalKind.BIASED_ZERO_PADDING);
    }
}
