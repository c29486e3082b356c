package org.repstudio.core.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.Validator;
import org.repstudio.core.io.SampleCatalog;

/** Each branch kind removed in turn, and the arms of an A/B. */
class AblationsTest {

    static Graph sample(String path) {
        return SampleCatalog.find(path).orElseThrow().design().graph();
    }

    @Test
    void repvggLosesEachOfItsThreeBranchesInTurn() {
        Graph block = sample("repvgg-s1.json");
        List<Arm> arms = Ablations.of(block);
        assertEquals(List.of("without 3x3", "without 1x1", "without BN identity"),
                arms.stream().map(Arm::label).toList());
        for (Arm a : arms) {
            assertEquals(List.of(), Validator.validate(a.design()), a.label());
            assertEquals(2, a.design().inputsOf("add").size(), a.label() + " keeps two branches");
        }
        assertFalse(arms.get(1).design().contains("conv1x1"));
        assertFalse(arms.get(2).design().contains("bn_id"));
        assertTrue(arms.get(2).design().contains("conv1x1"));
    }

    @Test
    void mobileOneRemovesItsFourParallelConvsTogetherAndLeavesTheSingleKindSumAlone() {
        List<Arm> arms = Ablations.of(sample("mobileone.json"));
        assertEquals(3, arms.size(), "the depthwise sum has three kinds; the pointwise sum only one");
        Graph noDw3x3 = arms.stream().filter(a -> a.label().equals("without dw3x3")).findFirst().orElseThrow().design();
        assertEquals(List.of(), Validator.validate(noDw3x3));
        assertEquals(2, noDw3x3.inputsOf("dw_add").size());
        assertEquals(4, noDw3x3.inputsOf("pw_add").size());
    }

    @Test
    void aSumLeftWithOneBranchIsReplacedByIt() {
        Graph acb = sample("acb-k3.json");
        Graph two = Ablations.of(acb).get(0).design();
        List<Arm> again = Ablations.of(two);
        Graph one = again.get(0).design();
        assertEquals(List.of(), Validator.validate(one));
        assertTrue(one.nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Add));
    }

    @Test
    void everyMultiBranchSampleGetsOneArmPerKind() {
        assertEquals(3, Ablations.of(sample("acb-k3.json")).size());
        assertEquals(4, Ablations.of(sample("dbb-k3-s1-g1.json")).size());
        assertEquals(5, Ablations.of(sample("orepa.json")).size());
    }

    @Test
    void armsAreTheDesignItsPlainShapeAndTheAblations() {
        List<Arm> arms = AbStudy.armsFor(sample("repvgg-s1.json"), true);
        assertEquals(List.of(Arm.Kind.REPARAM, Arm.Kind.PLAIN, Arm.Kind.ABLATION, Arm.Kind.ABLATION,
                Arm.Kind.ABLATION), arms.stream().map(Arm::kind).toList());
        assertEquals(2, AbStudy.armsFor(sample("repvgg-s1.json"), false).size());
        assertThrows(IllegalArgumentException.class, () -> AbStudy.armsFor(sample("networks/repvgg-a0.json"), true));
    }

    @Test
    void repvggCumulativeIsThe3x3AloneThenWithThe1x1AsInThePapersTable() {
        Graph block = sample("repvgg-s1.json");
        List<Arm> arms = Ablations.cumulative(block);
        assertEquals(List.of("only 3x3", "3x3 + 1x1"),
                arms.stream().map(Arm::label).toList());
        Graph only3x3 = arms.get(0).design();
        assertEquals(List.of(), Validator.validate(only3x3));
        assertTrue(only3x3.contains("conv3x3"));
        assertFalse(only3x3.contains("conv1x1"));
        assertFalse(only3x3.contains("bn_id"));
        assertTrue(only3x3.nodes().values().stream().noneMatch(n -> n.op() instanceof Op.Add), "one branch: no sum");
        Graph with1x1 = arms.get(1).design();
        assertEquals(List.of(), Validator.validate(with1x1));
        assertEquals(2, with1x1.inputsOf("add").size());
        assertTrue(with1x1.contains("conv1x1"));
        assertFalse(with1x1.contains("bn_id"), "the identity comes last: the full block is the re-param arm");
    }

    @Test
    void cumulativeGivesOneArmPerProperPrefixOfEveryMixedSum() {
        assertEquals(2, Ablations.cumulative(sample("acb-k3.json")).size());
        assertEquals(3, Ablations.cumulative(sample("dbb-k3-s1-g1.json")).size());
        assertEquals(2, Ablations.cumulative(sample("mobileone.json")).size(), "the pointwise sum has one kind");
        for (String s : List.of("acb-k3.json", "dbb-k3-s1-g1.json", "orepa.json", "mobileone.json")) {
            for (Arm a : Ablations.cumulative(sample(s))) {
                assertEquals(List.of(), Validator.validate(a.design()), s + ": " + a.label());
                assertEquals(Arm.Kind.ABLATION, a.kind());
            }
        }
    }

    @Test
    void armsForAModeAddTheAblationsOfThatMode() {
        Graph block = sample("repvgg-s1.json");
        assertEquals(List.of("re-param", "plain", "only 3x3", "3x3 + 1x1"),
                AbStudy.armsFor(block, Ablations.Mode.CUMULATIVE).stream().map(Arm::label).toList());
        assertEquals(2, AbStudy.armsFor(block, Ablations.Mode.NONE).size());
        assertEquals(5, AbStudy.armsFor(block, Ablations.Mode.REMOVAL).size());
    }

    @Test
    void armsAreNamedAsThePapersNameTheBranchesAndStayDistinct() throws Exception {
        assertEquals(List.of("without 3x3", "without 1x1", "without 1x1+avgpool3x3", "without 1x1+3x3"),
                Ablations.of(sample("dbb-k3-s1-g1.json")).stream().map(Arm::label).toList());
        assertEquals(List.of("only BN identity", "BN identity + dw3x3"),
                Ablations.cumulative(sample("mobileone.json")).stream().map(Arm::label).toList());
        // two chains that would read alike keep their full names
        assertEquals(java.util.Map.of("conv3x3+batchnorm", "conv3x3+batchnorm", "conv3x3", "conv3x3"),
                Ablations.names(java.util.Map.of("conv3x3+batchnorm", "3x3", "conv3x3", "3x3")));
    }
}
