package org.repstudio.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.SampleCatalog;

/** A sub-block survives save and reopen, and comes back in the block library to be placed again. */
class GroupPersistenceTest {

    @Test
    void groupsSurviveSaveAndReopen() throws Exception {
        DesignFile sample = SampleCatalog.find("dbb-k3-s1-g1.json").orElseThrow().design();
        EditorState opened = DesignStates.fromDesign(sample);
        List<String> members = List.of("seq_conv1x1", "seq_bn1", "seq_pad");
        BlockGroup group = new BlockGroup("seq_block", "seq branch", members, new Pos(300, 200), true);
        EditorState grouped = new EditorState(opened.graph(), opened.positions(), Map.of(group.id(), group),
                opened.blocks());

        String json = DesignIO.toJson(DesignStates.toDesign(grouped, sample));
        EditorState reopened = DesignStates.fromDesign(DesignIO.parse(json, "saved.json"));

        assertEquals(grouped.groups(), reopened.groups());
        assertEquals(grouped.graph(), reopened.graph());
        Fragment block = reopened.blocks().get("seq branch");
        assertTrue(block != null && block.nodes().size() == 3, "block library: " + reopened.blocks().keySet());
        assertEquals(2, block.edges().size(), "the wires between the grouped nodes come with the block");
    }
}
