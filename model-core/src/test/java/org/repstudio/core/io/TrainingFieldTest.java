package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The design-level {@code "training"} field (OREPA online training): read, written only when online, round-trips. */
class TrainingFieldTest {

    private static DesignFile orepa() {
        return SampleCatalog.find("orepa.json").orElseThrow().design();
    }

    @Test
    void onlineRoundTripsAndOfflineIsNotWritten() throws Exception {
        DesignFile offline = orepa();
        assertFalse(offline.onlineTraining());
        assertFalse(DesignIO.toJson(offline).contains("\"training\""));

        DesignFile online = offline.withOnlineTraining(true);
        String json = DesignIO.toJson(online);
        assertTrue(json.contains("\"training\": \"online\""), json);
        DesignFile back = DesignIO.parse(json, "orepa.json");
        assertTrue(back.onlineTraining());
        assertEquals(online, back);
        assertEquals(json, DesignIO.toJson(back), "writing is canonical");
        assertTrue(back.withGraph(back.graph()).withExpect(DesignFile.Expect.EXACT).onlineTraining(),
                "the with-methods keep the option");
    }

    @Test
    void explicitOfflineReadsAndUnknownModeIsAnError() throws Exception {
        String json = DesignIO.toJson(orepa());
        String offline = json.replace("\"expect\": \"exact\",", "\"expect\": \"exact\",\n  \"training\": \"offline\",");
        assertFalse(DesignIO.parse(offline, "o.json").onlineTraining());
        String bad = json.replace("\"expect\": \"exact\",", "\"expect\": \"exact\",\n  \"training\": \"sometimes\",");
        DesignFormatException e = assertThrows(DesignFormatException.class, () -> DesignIO.parse(bad, "o.json"));
        assertTrue(e.getMessage().contains("training") && e.getMessage().contains("sometimes"), e.getMessage());
    }
}
