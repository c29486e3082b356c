package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MallocTuningTest {

    @Test
    void glibcTakesTheThresholds() {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        Assumptions.assumeFalse("false".equals(System.getProperty("repstudio.mallocTuning")));
        assertTrue(MallocTuning.apply(), "mallopt refused the trim or mmap threshold or the arena limit");
    }
}
