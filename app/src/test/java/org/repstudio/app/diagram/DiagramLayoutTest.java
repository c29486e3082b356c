package org.repstudio.app.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.app.TestDesigns;
import org.repstudio.app.design.LoadedDesign;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Padding;

class DiagramLayoutTest {

    @Test
    void keepsGivenPositionsShiftedToTheMargin() {
        LoadedDesign d = TestDesigns.tiny();
        DiagramLayout layout = DiagramLayout.of(d.graph(), d.positions());

        DiagramLayout.Box in = layout.box("in").orElseThrow();
        DiagramLayout.Box conv = layout.box("conv").orElseThrow();
        assertEquals(DiagramLayout.MARGIN, in.x());
        assertEquals(DiagramLayout.MARGIN, in.y());
        assertEquals(in.x() + 240, conv.x());
        assertEquals("conv", conv.category());
        assertEquals(DiagramLayout.Flow.LEFT_TO_RIGHT, layout.flow());
        assertEquals(480 + DiagramLayout.NODE_WIDTH + 2 * DiagramLayout.MARGIN, layout.width());
    }

    @Test
    void wiresRunFromOutputSideToInputSide() {
        LoadedDesign d = TestDesigns.tiny();
        DiagramLayout layout = DiagramLayout.of(d.graph(), d.positions());

        DiagramLayout.Wire w = layout.wires().get(0);
        DiagramLayout.Box in = layout.box("in").orElseThrow();
        DiagramLayout.Box conv = layout.box("conv").orElseThrow();
        assertEquals(in.x() + in.width(), w.startX());
        assertEquals(conv.x(), w.endX());
        assertEquals(conv.y() + conv.height() / 2, w.endY(), "a single input enters in the middle");
        assertTrue(w.control1X() > w.startX() && w.control2X() < w.endX());
    }

    @Test
    void verticalDesignsGetVerticalWires() {
        LoadedDesign d = TestDesigns.tiny();
        Map<String, double[]> down = Map.of("in", new double[] {0, 0}, "conv", new double[] {10, 150},
                "out", new double[] {0, 300});
        DiagramLayout layout = DiagramLayout.of(d.graph(), down);

        assertEquals(DiagramLayout.Flow.TOP_TO_BOTTOM, layout.flow());
        DiagramLayout.Wire w = layout.wires().get(0);
        assertEquals(layout.box("in").orElseThrow().y() + DiagramLayout.NODE_HEIGHT, w.startY());
        assertEquals(layout.box("conv").orElseThrow().y(), w.endY());
    }

    @Test
    void nodesWithoutPositionsAreLaidOutInColumnsByDepth() {
        Graph g = TestDesigns.repvgg();
        DiagramLayout layout = DiagramLayout.of(g, Map.of());

        assertEquals(g.nodes().size(), layout.boxes().size());
        double step = DiagramLayout.NODE_WIDTH + DiagramLayout.AUTO_GAP_X;
        assertEquals(DiagramLayout.MARGIN, layout.box("in").orElseThrow().x());
        assertEquals(DiagramLayout.MARGIN + step, layout.box("dense").orElseThrow().x());
        assertEquals(DiagramLayout.MARGIN + 2 * step, layout.box("id_bn").orElseThrow().x(),
                "the identity branch sits beside the other branches' BNs, just before the sum");
        assertEquals(DiagramLayout.MARGIN + 3 * step, layout.box("sum").orElseThrow().x());
        double idY = layout.box("id_bn").orElseThrow().y();
        assertTrue(layout.box("dense_bn").orElseThrow().y() < idY && idY < layout.box("point_bn").orElseThrow().y(),
                "ordered by where their inputs are");
        // three wires into the sum enter at three different heights
        assertEquals(3, layout.wires().stream().filter(w -> w.to().equals("sum"))
                .mapToDouble(DiagramLayout.Wire::endY).distinct().count());
        for (DiagramLayout.Box a : layout.boxes()) {
            for (DiagramLayout.Box b : layout.boxes()) {
                boolean overlap = a != b && Math.abs(a.x() - b.x()) < a.width() && Math.abs(a.y() - b.y()) < a.height();
                assertTrue(!overlap, a.id() + " overlaps " + b.id());
            }
        }
    }

    @Test
    void summariesNameTheParametersThatMatterForFusion() {
        assertEquals("conv 3×3 · s2 · 64 ch · g4", OpLabels.summary(Op.Conv.square(64, 3, 2, 1, 4, false)));
        assertEquals("conv 7×7 · s1 · 32 ch · dw · d2", OpLabels.summary(
                new Op.Conv(32, 7, 7, 1, 1, Padding.of(6), 2, 2, 32, false)));
        assertEquals("conv 1×3 · s1 · 8 ch", OpLabels.summary(
                new Op.Conv(8, 1, 3, 1, 1, Padding.of(0, 1), 1, 1, 1, false)));
        assertEquals("pad (1,1) · bias", OpLabels.summary(new Op.Pad(Padding.of(1), Op.PadMode.BIAS)));
        assertEquals("input 3×32×32", OpLabels.summary(new Op.Input(3, 32, 32)));
        assertEquals("norm", OpLabels.category(new Op.Scale()));
        assertEquals("merge", OpLabels.category(new Op.Concat()));
    }
}
