package org.repstudio.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.SampleCatalog;

/**
 * Each seed method's sample collapses with its own rules (the trace a user reads names the method's
 * transform, not a generic stand-in): OREPA folds its scales and, after the squeezed sum, its one BN; RepMLP
 * merges convs into the FC; RMNet removes residuals; ResRep prunes compactor rows; DBB uses its pad, pool
 * and sequential transforms; Inception concatenates in depth.
 */
class MethodRulesTest {

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("repvgg-s1.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.BN_AS_CONV, FusionRule.BRANCH_SUM)),
                Arguments.of("acb-k3.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.BRANCH_SUM)),
                Arguments.of("dbb-k3-s1-g1.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.AVGPOOL_AS_CONV,
                        FusionRule.PAD_FOLD, FusionRule.SEQUENTIAL_MERGE, FusionRule.BRANCH_SUM)),
                Arguments.of("orepa.json", EnumSet.of(FusionRule.SCALE_FOLD, FusionRule.AVGPOOL_AS_CONV,
                        FusionRule.SEQUENTIAL_MERGE, FusionRule.BRANCH_SUM, FusionRule.BN_FOLD)),
                Arguments.of("replk-13.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.BRANCH_SUM)),
                Arguments.of("repghost.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.BN_AS_CONV, FusionRule.BRANCH_SUM)),
                Arguments.of("mobileone.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.BN_AS_CONV, FusionRule.BRANCH_SUM)),
                Arguments.of("resrep.json", EnumSet.of(FusionRule.PRUNE_CHANNELS, FusionRule.BN_FOLD,
                        FusionRule.SEQUENTIAL_MERGE)),
                Arguments.of("rmnet-resblocks.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.RESIDUAL_REMOVAL)),
                Arguments.of("repmlp.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.CONV_INTO_LINEAR)),
                Arguments.of("inception-concat.json", EnumSet.of(FusionRule.BN_FOLD, FusionRule.AVGPOOL_AS_CONV,
                        FusionRule.SEQUENTIAL_MERGE, FusionRule.DEPTH_CONCAT)));
    }

    private static FusionTrace fuse(String path) {
        DesignFile d = SampleCatalog.find(path).orElseThrow().design();
        Graph g = d.graph();
        Weights w = SampleCatalog.storedWeights(path).orElseGet(() -> RandomWeights.generate(g, 42));
        return FusionPlanner.fuse(g, w, FusionOptions.forMethod(d.method(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void traceUsesTheMethodsOwnRules(String path, Set<FusionRule> rules) {
        FusionTrace t = fuse(path);
        assertTrue(t.exact(), path + ": " + t.refusals());
        Set<FusionRule> used = EnumSet.noneOf(FusionRule.class);
        t.steps().forEach(s -> used.add(s.rule()));
        assertEquals(rules, used, path + " uses " + used);
    }

    @Test
    void orepaFoldsItsOneBnIntoTheSqueezedKernel() {
        List<FusionStep> steps = fuse("orepa.json").steps();
        FusionStep last = steps.get(steps.size() - 1);
        assertEquals(FusionRule.BN_FOLD, last.rule());
        assertEquals(List.of("add", "bn"), last.nodesIn());
        assertEquals(FusionRule.BRANCH_SUM, steps.get(steps.size() - 2).rule());
        assertFalse(steps.stream().anyMatch(s -> s.rule() == FusionRule.BN_AS_CONV), "no BN turned into a 1x1 conv");
        assertEquals(5, steps.stream().filter(s -> s.rule() == FusionRule.SCALE_FOLD).count(), "one per branch");
    }
}
