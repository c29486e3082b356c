package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.graph.TensorShape;
import org.repstudio.core.graph.Validator;

/** The staged harness: one block per stage, the resolution halved between stages, valid for every sample block. */
class StagedHarnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"repvgg-s1.json", "repvgg-s2.json", "acb-k3.json", "dbb-k3-s1-g1.json", "mobileone.json",
        "orepa.json"})
    void eachStageHoldsTheBlockAndThePoolingSeesASmallMap(String path) {
        Graph block = HarnessTest.sample(path);
        Graph h = Harness.build(block, TensorShape.spatial(1, 32, 32), 8, HarnessSpec.STAGED_DEFAULT);
        assertEquals(List.of(), Validator.validate(h));
        int blockNodes = block.nodes().size() - 2;
        for (int stage = 1; stage <= 3; stage++) {
            String prefix = "s" + stage + "_";
            long copied = h.nodes().keySet().stream()
                    .filter(id -> id.startsWith(prefix) && !id.startsWith(prefix + "down")
                            && !id.startsWith(prefix + "adapt") && !id.equals(prefix + "relu_out"))
                    .count();
            assertEquals(blockNodes, copied, "stage " + stage + " holds one copy of the block");
        }
        Map<String, TensorShape> shapes = ShapeInference.infer(h).shapes();
        TensorShape pooled = shapes.get(h.inputsOf("gap").get(0));
        assertTrue(pooled.height() <= 4, "three halvings after a stride-2 stem leave <= 4x4, got " + pooled);
        assertEquals(TensorShape.flat(8), shapes.get("fc"));
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32})
    void thePlainCounterpartGetsTheSameStages(int side) {
        Graph block = HarnessTest.sample("repvgg-s1.json");
        Graph plain = Harness.build(PlainBaseline.of(block), TensorShape.spatial(1, side, side), 10,
                HarnessSpec.STAGED_DEFAULT);
        assertEquals(List.of(), Validator.validate(plain));
        assertTrue(plain.nodes().containsKey("s2_down") && plain.nodes().containsKey("s3_down"));
        assertEquals((side + 7) / 8, ShapeInference.infer(plain).shapes().get(plain.inputsOf("gap").get(0)).height());
    }
}
