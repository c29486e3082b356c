package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;

/** export --pytorch and import-weights on the command line, without Python (safetensors written here). */
class PyTorchCliTest {

    @TempDir
    Path tmp;

    private final Path design = TorchPython.samplesDir().resolve("repvgg-s2.json");

    @Test
    void exportWritesThePackageNamedByNodeIds() throws Exception {
        Path dir = tmp.resolve("pkg");
        CliRun r = CliRun.of("export", design.toString(), "--pytorch", "-o", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.py", "weights.safetensors", "train.py", "README.md"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String model = Files.readString(dir.resolve("model.py"));
        assertTrue(model.contains("self.conv3x3 = nn.Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2)"), model);
        assertTrue(model.contains("nn.BatchNorm2d(32, eps=1.0e-5, momentum=BN_MOMENTUM)"), model);
        assertEquals(java.util.List.of("import json", "import os", "import struct", "import torch",
                "import torch.nn.functional as F", "from torch import nn"), importLines(model));
        assertEquals(java.util.List.of("import argparse", "import math", "import os", "import time", "import torch",
                "import torch.distributed as dist", "import torch.nn.functional as F", "from torch import nn",
                "from torch.nn.parallel import DistributedDataParallel", "from torch.utils.data import DataLoader, Dataset",
                "from torch.utils.data.distributed import DistributedSampler", "import model as generated",
                "from torchvision import datasets, transforms  # only needed for real images"),
                importLines(Files.readString(dir.resolve("train.py"))));
        Map<String, RawTensor> w = Safetensors.read(Files.readAllBytes(dir.resolve("weights.safetensors")), "w");
        assertEquals(java.util.List.of(32, 16, 3, 3), java.util.Arrays.stream(w.get("conv3x3.weight").shape()).boxed().toList());
        assertTrue(Files.readString(dir.resolve("README.md")).contains("--nnodes=2"));

        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        CliRun bad = CliRun.of("export", design.toString(), "--pytorch", "-o", file.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not a folder"), bad.err());
    }

    /** Every import statement: the generated code needs torch and the standard library only. */
    private static java.util.List<String> importLines(String python) {
        return python.lines().map(String::strip).filter(l -> l.startsWith("import ") || l.startsWith("from ")).toList();
    }

    @Test
    void importListsUnexpectedKeysAndRefusesToOverwriteItsInputs() throws Exception {
        DesignFile d = DesignIO.read(design);
        Weights w = RandomWeights.generate(d.graph(), 9);
        Map<String, RawTensor> state = new LinkedHashMap<>();
        PyTorchExport.stateDict(d, w).forEach((k, v) -> state.put("module." + k, v));
        state.put("module.head.weight", RawTensor.ofFloat32(Tensor.vector(1, 2, 3)));
        Path ckpt = tmp.resolve("run.safetensors");
        try (OutputStream out = Files.newOutputStream(ckpt)) {
            Safetensors.write(out, state, Map.of());
        }
        Path trained = tmp.resolve("trained.json");
        CliRun r = CliRun.of("import-weights", design.toString(), ckpt.toString(), "-o", trained.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("unexpected key (not read): head.weight"), r.out());
        Weights back = DesignIO.readWeights(trained, DesignIO.read(trained)).orElseThrow();
        assertEquals((float) w.get("bn1x1", "mean").get(5), (float) back.get("bn1x1", "mean").get(5));

        CliRun same = CliRun.of("import-weights", design.toString(), ckpt.toString(), "-o", design.toString());
        assertEquals(2, same.code());
        assertTrue(same.err().contains("is the design, which this command reads"), same.err());
        CliRun none = CliRun.of("import-weights", design.toString(), tmp.resolve("nope.pt").toString(), "-o",
                tmp.resolve("x.json").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("nope.pt: no such file"), none.err());
        assertFalse(Files.exists(tmp.resolve("x.json")));
    }
}
