package org.repstudio.app.editor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.SampleCatalog;

/** The fusable badges agree with what every sample declares, narrowed channels and all. */
class FeedbackCalculatorTest {

    @Test
    void fusableBadgesMatchEverySamplesExpectation() {
        List<String> wrong = new ArrayList<>();
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            FeedbackCalculator calc = new FeedbackCalculator();
            calc.setMethod(s.design().method());
            Feedback f = calc.compute(s.design().graph());
            assertTrue(f.problems().isEmpty(), s.path() + ": " + f.problems());
            assertFalse(f.regions().isEmpty(), s.path());
            boolean allFuse = f.regions().values().stream().allMatch(Feedback.RegionStatus::fusable);
            boolean exact = s.design().expect().orElse(DesignFile.Expect.EXACT) == DesignFile.Expect.EXACT;
            if (allFuse != exact) {
                wrong.add(s.path() + " badges say " + (allFuse ? "fusable" : "not fusable") + ": " + f.regions().values());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void spreadingLeavesRoomyDesignsAlone() {
        var roomy = java.util.Map.of("a", new Pos(0, 0), "b", new Pos(240, 0), "c", new Pos(100, 300));
        assertTrue(DesignStates.spread(roomy) == roomy);
        var crowded = java.util.Map.of("a", new Pos(0, 0), "b", new Pos(180, 10));
        assertTrue(DesignStates.spread(crowded).get("b").x() >= DesignStates.MIN_COLUMN);
    }
}
