package org.repstudio.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.io.DesignIO;

/** Auto-arrange folds a long chain into bands and leaves a block-sized design in one row. */
class BandWrapTest {

    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();

    @Test
    void aLongChainIsFoldedIntoBandsThatKeepEveryColumnInOrder() throws Exception {
        Graph g = DesignIO.read(SAMPLES.resolve("rmnet-resblocks.json")).graph();
        Map<String, Pos> pos = EditorViewModel.arranged(g);
        double width = pos.values().stream().mapToDouble(Pos::x).max().orElseThrow() + 150;
        double height = pos.values().stream().mapToDouble(Pos::y).max().orElseThrow() + 66;
        double scale = Math.min(BandWrap.VIEW_WIDTH / width, BandWrap.VIEW_HEIGHT / height);
        assertTrue(scale >= 0.5, "readable when fitted: " + width + " x " + height + " at " + scale);
        // every wire goes right within a band, or down to a later band
        for (String id : g.nodes().keySet()) {
            for (String from : g.inputsOf(id)) {
                Pos a = pos.get(from);
                Pos b = pos.get(id);
                assertTrue(b.x() > a.x() || b.y() > a.y(), from + " -> " + id + ": " + a + " -> " + b);
            }
        }
    }

    @Test
    void aBlockStaysInOneRow() throws Exception {
        Graph g = DesignIO.read(SAMPLES.resolve("dbb-k3-s1-g1.json")).graph();
        Map<String, Pos> pos = EditorViewModel.arranged(g);
        double top = pos.values().stream().mapToDouble(Pos::y).min().orElseThrow();
        double bottom = pos.values().stream().mapToDouble(Pos::y).max().orElseThrow();
        assertTrue(bottom - top < 400, "one band: " + top + " to " + bottom);
        assertEquals(0, pos.get("in").x());
    }
}
