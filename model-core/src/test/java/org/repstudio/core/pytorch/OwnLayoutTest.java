package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignGroup;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.Position;

/** RepStudio's own names without Python: groups as sub-modules round trip, the fused form is recognised. */
class OwnLayoutTest {

    private static DesignFile repvgg() throws Exception {
        return DesignIO.read(TorchPython.samplesDir().resolve("repvgg-s1.json"));
    }

    @Test
    void aGroupedDesignNamesItsMembersUnderTheGroupAndRoundTrips() throws Exception {
        DesignFile design = repvgg().withGroups(List.of(
                new DesignGroup("dense", "3x3 branch", List.of("conv3x3", "bn3x3"), new Position(0, 0), false)));
        Weights w = RandomWeights.generate(design.graph(), 3);
        Map<String, RawTensor> state = PyTorchExport.stateDict(design, w);
        assertTrue(state.containsKey("dense.conv3x3.weight") && state.containsKey("dense.bn3x3.running_var"),
                state.keySet().toString());
        assertTrue(state.containsKey("conv1x1.weight"));
        StateDictImport.Result r = StateDictImport.apply(design, state, "grouped.safetensors");
        assertEquals(List.of(), r.unexpected());
        assertEquals(w.get("bn3x3", "var").toFloats()[2], r.weights().get("bn3x3", "var").toFloats()[2]);
        String model = ModelPy.write(design, "grouped.json", "weights.safetensors", 0.1);
        assertTrue(model.contains("self.dense = nn.Module()"), model);
        assertTrue(model.contains("conv3x3 = self.dense.conv3x3(in_)"), model);
    }

    @Test
    void theDesignsOwnFusedFormIsRecognisedAsDeployForm() throws Exception {
        DesignFile design = repvgg();
        FusionTrace t = FusionPlanner.fuse(design.graph(), RandomWeights.generate(design.graph(), 3), false);
        Map<String, RawTensor> fused = PyTorchExport.stateDict(DesignFile.of("f", "", "", t.fused()), t.fusedWeights());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> StateDictImport.apply(design, fused, "fused.safetensors"));
        assertTrue(e.getMessage().contains("deploy (fused) form"), e.getMessage());
    }
}
