package org.repstudio.app;

import java.util.Map;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.GraphBuilder;
import org.repstudio.core.graph.Op;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.Position;

/** Small designs shared by the app's tests. */
public final class TestDesigns {

    private TestDesigns() {
    }

    /** input -> 3x3 conv -> output, placed left to right 240 px apart. */
    public static DesignFile tiny() {
        Graph g = new GraphBuilder()
                .input("in", 3, 8, 8)
                .conv("conv", "in", 4, 3, 1, 1, 1)
                .output("out", "conv")
                .build();
        return DesignFile.of("tiny", "a test design", "", g).withPositions(Map.of(
                "in", new Position(0, 0),
                "conv", new Position(240, 0),
                "out", new Position(480, 0)));
    }

    /** A RepVGG block (3x3-BN + 1x1-BN + BN identity, summed, ReLU) without positions. */
    public static Graph repvgg() {
        return new GraphBuilder()
                .input("in", 8, 16, 16)
                .convBn("dense", "in", 8, 3, 1, 1, 1)
                .convBn("point", "in", 8, 1, 1, 0, 1)
                .bn("id_bn", "in")
                .add("sum", new Op.Add(), "dense_bn", "point_bn", "id_bn")
                .add("relu", new Op.Relu(), "sum")
                .output("out", "relu")
                .build();
    }
}
