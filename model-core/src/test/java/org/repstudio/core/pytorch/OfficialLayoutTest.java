package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.engine.GraphRunner;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/**
 * State_dicts in the official repos' layouts (from reference modules written in official_layouts.py) load
 * into the matching samples and whole networks, and the design then computes what the reference module
 * computed; a deploy-form checkpoint is recognised.
 */
class OfficialLayoutTest {

    @TempDir
    static Path tmp;

    private static final Map<String, String> CASES = Map.ofEntries(
            Map.entry("repvgg-s1", "repvgg-s1.json"), Map.entry("repvgg-s2", "repvgg-s2.json"),
            Map.entry("acb-k3", "acb-k3.json"), Map.entry("acb-k5", "acb-k5.json"),
            Map.entry("dbb-k3-s1-g1", "dbb-k3-s1-g1.json"), Map.entry("dbb-k3-s2-g2", "dbb-k3-s2-g2.json"),
            Map.entry("dbb-k5-s2-g1", "dbb-k5-s2-g1.json"), Map.entry("mobileone", "mobileone.json"),
            Map.entry("repghost", "repghost.json"), Map.entry("replk-13", "replk-13.json"),
            Map.entry("repvgg-a0", "networks/repvgg-a0.json"), Map.entry("mobileone-s0", "networks/mobileone-s0.json"));

    @Test
    void officialStateDictsLoadAndComputeTheReferenceOutput() throws Exception {
        assumeTrue(TorchPython.available(), "needs /usr/bin/python3 with torch (.ci/run installs python3-torch)");
        TorchPython.run(tmp, 300, "official_layouts.py", TorchPython.samplesDir().toString(), tmp.toString());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : CASES.entrySet()) {
            Path designPath = TorchPython.samplesDir().resolve(c.getValue());
            DesignFile design = DesignIO.read(designPath);
            Path dir = tmp.resolve(c.getKey());
            WeightsImport.Outcome o = WeightsImport.read(design, dir.resolve("official.pth"));
            assertTrue(o.result().layout().startsWith("official"), c.getKey() + ": " + o.result().layout());
            assertEquals(List.of(), o.result().unexpected(), c.getKey());
            Tensor x = TorchPython.readTensor(dir.resolve("input.safetensors"), "input");
            Tensor want = TorchPython.readTensor(dir.resolve("output.safetensors"), "output");
            double rel = TorchPython.maxRel(GraphRunner.run(design.graph(), o.result().weights(), x), want);
            System.out.printf("%-14s %-22s maxRel %.3e%n", c.getKey(), o.result().layout(), rel);
            if (!(rel <= 1e-5)) {
                failures.add(c.getKey() + ": " + rel);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());

        DesignFile repvgg = DesignIO.read(TorchPython.samplesDir().resolve("repvgg-s1.json"));
        CheckpointException deploy = assertThrows(CheckpointException.class,
                () -> WeightsImport.read(repvgg, tmp.resolve("deploy.pth")));
        assertTrue(deploy.getMessage().contains("deploy-form (fused) RepVGG"), deploy.getMessage());
    }
}
