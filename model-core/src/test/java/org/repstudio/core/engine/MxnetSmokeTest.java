package org.repstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.fusion.FusionPlanner;
import org.repstudio.core.fusion.FusionTrace;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.RandomWeights;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.SampleCatalog;
import org.repstudio.core.train.EngineCatalog;

/**
 * MXNet as a second engine: a smoke subset of the equivalence tests. Fused vs unfused on MXNet (float32,
 * random BN statistics) within 1e-5 relative, the bound of {@code SampleFusionTest} on PyTorch widened
 * tenfold because MXNet's MKL kernels sum in another order (measured: 4e-7 to 6e-7); MXNet's unfused output
 * also matches PyTorch's. The bundled natives are for Linux x86-64: elsewhere the test is skipped.
 */
class MxnetSmokeTest {

    private static final double TOLERANCE = 1e-5;

    @BeforeAll
    static void mxnetIsThere() {
        DjlSetup.ensureOffline();
        assertTrue(Engine.getAllEngines().contains("MXNet"), "mxnet-engine is a dependency of model-core");
        boolean bundledPlatform = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        Assumptions.assumeTrue(bundledPlatform, "mxnet-native-mkl is bundled for linux-x86_64 only");
    }

    @Test
    void catalogListsMxnetAsAvailableAndPyTorchStaysTheDefault() {
        var mx = EngineCatalog.list().stream().filter(e -> e.name().equals("MXNet")).findFirst().orElseThrow();
        assertTrue(mx.available(), "MXNet's native library did not load: " + mx.problem());
        assertTrue(mx.devices().contains("cpu"), mx.toString());
        assertEquals("PyTorch", EngineCatalog.defaultEngine());
        assertEquals("MXNet", EngineNames.canonical("mxnet"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"repvgg-s1.json", "acb-k3.json", "dbb-k3-s1-g1.json"})
    void fusedEqualsUnfusedOnMxnet(String sample) {
        Graph g = SampleCatalog.find(sample).orElseThrow().design().graph();
        Weights w = RandomWeights.generate(g, 17);
        FusionTrace t = FusionPlanner.fuse(g, w, false);
        assertTrue(t.exact(), sample);
        Comparison c = Equivalence.compare(g, w, t.fused(), t.fusedWeights(), 3, 2, "MXNet");
        assertTrue(c.maxRelDiff() <= TOLERANCE, sample + " on MXNet: " + c);

        Tensor x = Equivalence.standardNormal(new long[] {2, 16, 32, 32}, 3);
        Tensor onMx = GraphRunner.run(g, w, x, Device.cpu(), "MXNet");
        Tensor onPt = GraphRunner.run(g, w, x, Device.cpu(), "PyTorch");
        Comparison engines = Equivalence.compareOutputs(onPt, onMx);
        assertTrue(engines.maxRelDiff() <= TOLERANCE, sample + " MXNet vs PyTorch: " + engines);
    }

    @Test
    void latencyOnMxnetWaitsForTheLazyResult() {
        Graph g = SampleCatalog.find("repvgg-s1.json").orElseThrow().design().graph();
        Weights w = RandomWeights.generate(g, 5);
        double ms = Latency.measureMs(g, w, 4, 2, 5, Device.cpu(), "MXNet");
        assertTrue(ms > 0.01, "a 16-channel 3x3 block over a 4x16x32x32 batch takes more than 10 us: " + ms);
    }

    @Test
    void verifyRunsOnTheChosenEngine() throws Exception {
        org.repstudio.cli.CliRun r = org.repstudio.cli.CliRun.of("verify", java.nio.file.Path.of("..", "samples",
                "acb-k3.json").toString(), "--engine", "mxnet", "--json");
        assertEquals(0, r.code(), r.err());
        var o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("MXNet", o.get("engine").asText());
        assertTrue(o.get("maxRelDiff").asDouble() <= 1e-6, r.out());
        r = org.repstudio.cli.CliRun.of("verify", java.nio.file.Path.of("..", "samples", "acb-k3.json").toString(),
                "--engine", "caffe");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("engine 'caffe' is not available") && r.err().contains("MXNet"), r.err());
    }
}
