package org.repstudio.core.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.cli.CliRun;
import org.repstudio.core.algebra.Tensor;

/**
 * Design here, train there, fuse here: the exported RepVGG design trains a few steps under
 * {@code torchrun --nproc_per_node=2} (gloo, loopback), its checkpoint comes back through import-weights,
 * and the fused ONNX export in ONNX Runtime matches the trained PyTorch module's eval output.
 */
class DistributedRoundTripTest {

    @TempDir
    Path tmp;

    @Test
    void torchrunTrainedCheckpointFusesToTheSameOutput() throws Exception {
        assumeTrue(TorchPython.available(), "needs /usr/bin/python3 with torch (.ci/run installs python3-torch)");
        Path design = TorchPython.samplesDir().resolve("repvgg-s1.json");
        Path pkg = tmp.resolve("pkg");
        CliRun export = CliRun.of("export", design.toString(), "--pytorch", "-o", pkg.toString());
        assertEquals(0, export.code(), export.err());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        String log = TorchPython.run(tmp, 300, "ddp_run.py", pkg.toString(), run.toString(), String.valueOf(port));
        assertTrue(log.contains("2 process(es)"), log);

        Path trained = tmp.resolve("trained.json");
        CliRun imported = CliRun.of("import-weights", design.toString(), run.resolve("run.pt").toString(), "-o",
                trained.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("entry 'model'"), imported.out());
        Path onnx = tmp.resolve("fused.onnx");
        CliRun fused = CliRun.of("export", trained.toString(), "--fused", "-o", onnx.toString());
        assertEquals(0, fused.code(), fused.err());

        Tensor x = TorchPython.readTensor(run.resolve("input.safetensors"), "input");
        Tensor want = TorchPython.readTensor(run.resolve("output.safetensors"), "output");
        Tensor got = runOnnx(Files.readAllBytes(onnx), x);
        double rel = TorchPython.maxRel(got, want);
        System.out.printf("torchrun-trained RepVGG, fused ONNX in ONNX Runtime vs PyTorch eval: maxRel %.3e%n", rel);
        assertTrue(rel <= 1e-6, "max rel " + rel);
    }

    private static Tensor runOnnx(byte[] model, Tensor x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = java.util.Arrays.stream(x.shape()).asLongStream().toArray();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloats()), shape);
             OrtSession.Result r = session.run(Map.of("input", in))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            int[] dims = java.util.Arrays.stream(out.getInfo().getShape()).mapToInt(d -> (int) d).toArray();
            return Tensor.fromFloats(dims, v);
        }
    }
}
