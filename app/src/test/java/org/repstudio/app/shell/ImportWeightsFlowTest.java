package org.repstudio.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.pytorch.PyTorchExport;
import org.repstudio.core.pytorch.RawTensor;
import org.repstudio.core.pytorch.Safetensors;

/** File > Import Weights… without the toolkit: the import it runs, its status line, its suggested file name. */
class ImportWeightsFlowTest {

    @TempDir
    Path tmp;

    private Path repvgg() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isDirectory(p.resolve("samples"))) {
            p = p.getParent();
        }
        return p.resolve("samples/repvgg-s1.json");
    }

    private Path checkpoint(Map<String, RawTensor> state) throws IOException {
        Path file = tmp.resolve("run.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            Safetensors.write(out, state, Map.of());
        }
        return file;
    }

    @Test
    void importWritesTheTrainedDesignAndSaysWhatItRead() throws Exception {
        DesignFile design = DesignIO.read(repvgg());
        Weights w = RandomWeights.generate(design.graph(), 5);
        Map<String, RawTensor> state = new LinkedHashMap<>(PyTorchExport.stateDict(design, w));
        state.put("head.weight", RawTensor.ofFloat32(Tensor.vector(1, 2)));
        Path out = tmp.resolve("trained.json");
        ImportWeightsFlow.Outcome o = ImportWeightsFlow.importInto(design, repvgg(), checkpoint(state), out);
        assertEquals(out, o.written());
        assertTrue(o.summary().startsWith("Imported run.safetensors (RepStudio node-id layout, 14 tensors)"), o.summary());
        assertTrue(o.summary().endsWith("1 unexpected key(s) not read: head.weight"), o.summary());
        DesignFile back = DesignIO.read(out);
        assertEquals(w.get("conv3x3", "weight").toFloats()[3],
                DesignIO.readWeights(out, back).orElseThrow().get("conv3x3", "weight").toFloats()[3]);
    }

    @Test
    void aCheckpointThatDoesNotFitWritesNothing() throws Exception {
        DesignFile design = DesignIO.read(repvgg());
        Map<String, RawTensor> state = new LinkedHashMap<>(
                PyTorchExport.stateDict(design, RandomWeights.generate(design.graph(), 5)));
        state.remove("bn_id.running_var");
        Path out = tmp.resolve("trained.json");
        Path ckpt = checkpoint(state);
        IOException e = assertThrows(IOException.class, () -> ImportWeightsFlow.importInto(design, repvgg(), ckpt, out));
        assertTrue(e.getMessage().contains("bn_id.running_var (node 'bn_id' var)"), e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("trained.rsw")));
    }

    @Test
    void suggestsAFreeNameBesideTheDesign() throws Exception {
        Path design = tmp.resolve("block.json");
        assertEquals(tmp.resolve("block-trained.json"), ImportWeightsFlow.suggestedOutput(design, tmp.resolve("r.pt")));
        Files.writeString(tmp.resolve("block-trained.json"), "{}");
        assertEquals(tmp.resolve("block-trained-2.json"), ImportWeightsFlow.suggestedOutput(design, tmp.resolve("r.pt")));
        assertEquals(tmp.resolve("r-trained.json"), ImportWeightsFlow.suggestedOutput(null, tmp.resolve("r.pt")));
    }
}
