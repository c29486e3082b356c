package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's sub-block groups survive a save and reopen; bad groups name the place. */
class DesignGroupsTest {

    private static DesignFile withGroup() {
        DesignFile d = SampleCatalog.find("repvgg-s1.json").orElseThrow().design();
        List<String> members = List.copyOf(d.graph().nodes().keySet()).subList(1, 4);
        return d.withGroups(List.of(new DesignGroup("g1", "my branch", members, new Position(120, 80.5), true)));
    }

    @Test
    void groupsRoundTrip() throws Exception {
        DesignFile d = withGroup();
        DesignFile back = DesignIO.parse(DesignIO.toJson(d), "g.json");
        assertEquals(d, back);
        assertEquals("my branch", back.groups().get(0).name());
    }

    @Test
    void groupOfAMissingNodeIsAClearError() {
        String json = DesignIO.toJson(withGroup()).replace("\"members\": [\"", "\"members\": [\"nope\", \"");
        DesignFormatException e = assertThrows(DesignFormatException.class, () -> DesignIO.parse(json, "g.json"));
        assertTrue(e.getMessage().contains("groups[0]") && e.getMessage().contains("nope"), e.getMessage());
    }
}
