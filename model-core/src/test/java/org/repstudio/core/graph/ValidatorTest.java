package org.repstudio.core.graph;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of problem is found and located at the right node and field. */
class ValidatorTest {

    private static Problem only(Graph g, String nodeId) {
        List<Problem> problems = Validator.validate(g).stream().filter(p -> nodeId.equals(p.nodeId())).toList();
        assertEquals(1, problems.size(), () -> Validator.validate(g).toString());
        return problems.get(0);
    }

    private static GraphBuilder base() {
        return new GraphBuilder().input("in", 8, 16, 16);
    }

    @Test
    void validBlockHasNoProblemsAndShapes() {
        Graph g = base().conv("c", "in", 16, 3, 2, 1, 2).bn("b", "c").output("out", "b").build();
        assertEquals(List.of(), Validator.validate(g));
        assertEquals(TensorShape.spatial(16, 8, 8), ShapeInference.infer(g).shapes().get("out"));
    }

    @Test
    void danglingInputPort() {
        Graph g = base().add("b", new Op.BatchNorm(1e-5)).output("out", "b").build();
        Problem p = only(g, "b");
        assertEquals("inputs", p.field());
        assertTrue(p.message().contains("not connected"), p.message());
    }

    @Test
    void unusedOutputIsReported() {
        Graph g = base().conv("c", "in", 8, 3, 1, 1, 1).conv("spare", "in", 8, 1, 1, 0, 1).output("out", "c").build();
        assertTrue(only(g, "spare").message().contains("not connected"));
    }

    @Test
    void cycleIsNamed() {
        Graph g = base().add("a", new Op.Add(), "in", "b").add("b", new Op.Relu(), "a").output("out", "b").build();
        assertTrue(Validator.validate(g).stream().anyMatch(p -> p.message().startsWith("cycle")),
                Validator.validate(g).toString());
    }

    @Test
    void channelAndSpatialMismatchAtJoins() {
        Graph add = base().conv("c", "in", 4, 3, 1, 1, 1).add("sum", new Op.Add(), "in", "c").output("out", "sum").build();
        Problem p = only(add, "sum");
        assertEquals("inputs[1]", p.field());
        Graph cat = base().conv("c", "in", 4, 3, 2, 1, 1).add("cat", new Op.Concat(), "in", "c").output("out", "cat")
                .build();
        assertTrue(only(cat, "cat").message().contains("spatial size"));
    }

    @Test
    void groupsThatDoNotDivide() {
        Graph g = base().conv("c", "in", 8, 3, 1, 1, 3).output("out", "c").build();
        Problem p = only(g, "c");
        assertEquals("groups", p.field());
        assertTrue(p.message().contains("do not divide the 8 input channels"), p.message());
    }

    @Test
    void kernelLargerThanInputAndNonPositiveSizes() {
        Graph big = base().conv("c", "in", 8, 19, 1, 1, 1).output("out", "c").build();
        assertEquals("kernel", only(big, "c").field());
        Graph zero = base().add("c", new Op.Conv(0, 3, 3, 1, 1, Padding.of(1), 1, 1, 1, false), "in")
                .output("out", "c").build();
        assertEquals("outChannels", only(zero, "c").field());
        Graph stride = base().add("c", new Op.Conv(8, 3, 3, 0, 1, Padding.of(1), 1, 1, 1, false), "in")
                .output("out", "c").build();
        assertEquals("stride", only(stride, "c").field());
        Graph pad = base().add("p", new Op.Pad(new Padding(-1, 0, 0, 0), Op.PadMode.ZERO), "in").output("out", "p")
                .build();
        assertEquals("padding", only(pad, "p").field());
    }

    @Test
    void biasPaddingNeedsABias() {
        Graph g = base().add("p", new Op.Pad(Padding.of(1), Op.PadMode.BIAS), "in").output("out", "p").build();
        assertEquals("mode", only(g, "p").field());
    }

    @Test
    void linearNeedsAFlatInput() {
        Graph g = base().add("fc", new Op.Linear(10, true), "in").output("out", "fc").build();
        assertTrue(only(g, "fc").message().contains("Flatten"));
        Graph ok = base().add("gap", new Op.GlobalAvgPool(), "in").add("flat", new Op.Flatten(), "gap")
                .add("fc", new Op.Linear(10, true), "flat").output("out", "fc").build();
        assertEquals(List.of(), Validator.validate(ok));
        assertEquals(TensorShape.flat(10), ShapeInference.infer(ok).shapes().get("out"));
    }
}
