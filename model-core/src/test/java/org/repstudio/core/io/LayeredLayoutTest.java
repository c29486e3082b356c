package org.repstudio.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Edge;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;

class LayeredLayoutTest {

    @Test
    void columnIsTheLongestPathFromTheInput() {
        Map<String, Position> p = LayeredLayout.positions(SampleBlocks.dbb(3, 1, 1, true));
        assertEquals(0, p.get("in").x());
        assertEquals(180, p.get("conv3x3").x());
        assertEquals(2 * 180, p.get("bn3x3").x());
        assertEquals(5 * 180, p.get("seq_bn2").x()); // 1x1, BN, pad, KxK, BN
        assertEquals(6 * 180, p.get("add").x());     // after the longest branch, not the shortest
        assertEquals(8 * 180, p.get("out").x());
    }

    @Test
    void wiresPointRightAndNodesOfAColumnDoNotOverlap() {
        for (SampleCatalog.Sample s : SampleCatalog.all()) {
            Graph g = s.design().graph();
            Map<String, Position> p = LayeredLayout.positions(g);
            assertEquals(g.nodes().keySet(), p.keySet());
            for (Edge e : g.edges()) {
                assertTrue(p.get(e.from()).x() < p.get(e.to()).x(), s.path() + " " + e);
            }
            Map<Double, List<Double>> columns = new HashMap<>();
            p.values().forEach(pos -> columns.computeIfAbsent(pos.x(), x -> new ArrayList<>()).add(pos.y()));
            for (List<Double> ys : columns.values()) {
                ys.sort(Double::compare);
                for (int i = 1; i < ys.size(); i++) {
                    assertTrue(ys.get(i) - ys.get(i - 1) >= LayeredLayout.ROW, s.path() + " rows " + ys);
                }
            }
            assertEquals(0, p.values().stream().mapToDouble(Position::y).min().orElseThrow(), s.path());
            assertTrue(p.values().stream().allMatch(q -> q.y() == Math.rint(q.y())), "whole pixels");
        }
    }

    @Test
    void aChainStaysOnOneRow() {
        Map<String, Position> p = LayeredLayout.positions(SampleNetworks.repvggA0());
        assertEquals(p.get("s1b0_relu").y(), p.get("s2b0_relu").y());
        assertEquals(p.get("gap").y(), p.get("out").y());
    }

    @Test
    void isDeterministicAndSurvivesCycles() {
        Graph g = SampleBlocks.orepa();
        assertEquals(LayeredLayout.positions(g), LayeredLayout.positions(g));
        Graph cyclic = new GraphBuilder().input("in", 1, 4, 4).add("a", new Op.Add(), "in", "b")
                .add("b", new Op.Relu(), "a").output("out", "b").build();
        assertEquals(4, LayeredLayout.positions(cyclic).size());
        assertTrue(LayeredLayout.positions(Graph.empty()).isEmpty());
    }
}
