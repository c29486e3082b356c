package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;

/**
 * RMNet over random residual blocks (2 or 3 convs, ReLU or PReLU, depthwise middles, stride and a 1x1
 * downsample, input after a ReLU or not): the plain result computes the same function and has no Add.
 */
class ResidualRemovalPropertiesTest {

    @Property(tries = 200)
    void residualBlocksBecomePlainAndExact(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
        Random rnd = new Random(seed);
        int c = 2 + 2 * rnd.nextInt(3);
        int size = 6 + rnd.nextInt(6);
        GraphBuilder b = new GraphBuilder().input("in", c, size, size);
        String x = "in";
        if (rnd.nextBoolean()) {
            b.convBn("stem", "in", c, 3, 1, 1, 1).add("stem_relu", new Op.Relu(), "stem_bn");
            x = "stem_relu";
        }
        int convs = 2 + rnd.nextInt(2);
        int stride = rnd.nextInt(3) == 0 ? 2 : 1;
        int mid = c * (1 + rnd.nextInt(3));
        int out = stride == 2 || rnd.nextInt(3) == 0 ? 2 * c : c;
        String cur = x;
        for (int i = 0; i < convs; i++) {
            boolean last = i == convs - 1;
            int k = rnd.nextBoolean() ? 3 : 1;
            boolean depthwise = i > 0 && !last && rnd.nextBoolean();
            int width = last ? out : mid;
            b.convBn("c" + i, cur, width, k, i == 0 ? stride : 1, k / 2, depthwise ? mid : 1);
            cur = "c" + i + "_bn";
            if (!last) {
                b.add("a" + i, rnd.nextBoolean() ? new Op.Relu() : new Op.PRelu(), cur);
                cur = "a" + i;
            }
        }
        String shortcut = x;
        if (out != c || stride != 1) {
            b.convBn("down", x, out, 1, stride, 0, 1);
            shortcut = "down_bn";
        }
        b.add("add", new Op.Add(), cur, shortcut).add("relu", new Op.Relu(), "add").output("out", "relu");
        Graph g = b.build();
        Weights w = RandomWeights.generate(g, seed);
        FusionTrace t = FusionPlanner.fuse(g, w, new FusionOptions(true, true, 0));
        assertTrue(t.exact(), () -> "seed " + seed + ": " + t.refusals());
        assertEquals(0, t.fused().nodes().values().stream().filter(n -> n.op() instanceof Op.Add).count());
        double err = FusionPlannerTest.relError(g, w, t.fused(), t.fusedWeights(), c, size, size);
        assertTrue(err < 1e-10, "seed " + seed + ": rel error " + err);
        assertTrue(t.maxStepError() < 1e-9, "seed " + seed + ": step error " + t.maxStepError());
    }
}
