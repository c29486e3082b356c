package org.repstudio.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repstudio.app.train.TinyRuns;
import org.repstudio.app.train.TrainingViewModel;
import org.repstudio.cli.RepStudioCli;
import org.repstudio.core.algebra.Tensor;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.design.WeightsSource;
import org.repstudio.core.engine.Equivalence;
import org.repstudio.core.engine.GraphRunner;
import org.repstudio.core.graph.ShapeInference;
import org.repstudio.core.io.DesignFile;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.io.WeightsIO;
import org.repstudio.core.onnx.OnnxForm;

/**
 * The app and the CLI are one path: training a design in the training window and with {@code ./repstudio train}
 * gives the same training mode, accuracy, fused model and provenance; and what the app trained is what File &gt;
 * Export ONNX… exports.
 */
class AppCliParityTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Copies a sample (and its sidecar) into {@code dir} as {@code design.json}, online if asked. */
    private static Path place(String sample, boolean online, Path dir) throws Exception {
        Files.createDirectories(dir);
        DesignFile d = DesignIO.read(SAMPLES.resolve(sample));
        if (d.weights().isPresent()) {
            Files.copy(SAMPLES.resolve(d.weights().get()), dir.resolve(d.weights().get()));
        }
        Path file = dir.resolve("design.json");
        DesignIO.write(file, online ? d.withOnlineTraining(true) : d);
        return file;
    }

    @ParameterizedTest
    @CsvSource({"orepa.json, true", "rmnet-resblocks.json, false", "resrep.json, false"})
    void theAppAndTheCliTrainAndFuseTheSameWay(String sample, boolean online) throws Exception {
        Path cli = place(sample, online, tmp.resolve("cli"));
        Path app = place(sample, online, tmp.resolve("app"));
        assertEquals(0, RepStudioCli.execute("train", cli.toString(), "--epochs", "1", "--copies", "1", "--batch",
                "32", "--max-train", "128", "--max-test", "64"));
        try (TrainingViewModel vm = TinyRuns.trainInApp(app)) {
            JsonNode c = JSON.readTree(tmp.resolve("cli/design.train.json").toFile());
            JsonNode a = JSON.readTree(tmp.resolve("app/design.train.json").toFile());
            assertEquals(online ? "online" : "offline", a.get("hyperParameters").get("training").asText());
            assertEquals(c.get("hyperParameters"), a.get("hyperParameters"));
            for (String f : new String[] {"design", "designSha256", "appVersion", "engine", "dataset"}) {
                assertEquals(c.get(f), a.get(f), f);
            }
            for (String f : new String[] {"status", "training", "accuracyUnfused", "accuracyFused",
                "predictionAgreement", "fusedExactly", "nodesUnfused", "nodesFused", "paramsUnfused", "paramsFused"}) {
                assertEquals(c.get("results").get(f), a.get("results").get(f), f + " of " + sample);
            }
            assertEquals(c.get("trainedBlock"), a.get("trainedBlock"));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("cli/design.trained-fused.rsw")),
                    Files.readAllBytes(tmp.resolve("app/design.trained-fused.rsw")), "the same fused model");
        }
    }

    @Test
    void trainInTheAppThenExportFromTheAppGivesTheTrainedBlock() throws Exception {
        Path file = place("repvgg-s1.json", false, tmp);
        TinyRuns.trainInApp(file).close();
        LoadedDesign d = LoadedDesign.of(DesignIO.read(file), file, LoadedDesign.DEFAULT_SEED);
        assertInstanceOf(WeightsSource.TrainedRun.class, d.source(), d.source().describe());
        assertArrayEquals(WeightsIO.read(tmp.resolve("design.trained-block.rsw")).get("conv3x3", "weight").toFloats(),
                d.weights().get("conv3x3", "weight").toFloats());

        try (ExportViewModel vm = new ExportViewModel(d, Runnable::run)) {
            assertEquals(OnnxForm.FUSED, vm.formProperty().get());
            assertTrue(vm.outputProperty().get().endsWith("design-fused.onnx"), vm.outputProperty().get());
            assertEquals(ExportViewModel.Status.DONE, vm.export().get(120, TimeUnit.SECONDS), vm.messageProperty().get());
            assertTrue(vm.messageProperty().get().contains("trained run of"), vm.messageProperty().get());
            assertTrue(vm.reportProperty().get().contains("check: ONNX Runtime"), vm.reportProperty().get());

            long[] shape = ShapeInference.infer(d.graph()).shapes().get(d.graph().inputIds().get(0)).withBatch(2);
            Tensor x = Equivalence.standardNormal(shape, 5);
            Tensor djl = GraphRunner.run(d.graph(), d.weights(), x);
            Tensor ort = runOrt(Path.of(vm.outputProperty().get()), x);
            double rel = Tensor.maxAbsDiff(djl, ort) / Tensor.maxAbsDiff(djl, Tensor.zeros(djlShape(djl)));
            assertTrue(rel <= 1e-5, "ONNX of the trained block vs DJL on the trained weights: " + rel);

            // a path that cannot be written is said in the window, and nothing is written
            vm.outputProperty().set(tmp.resolve("no/such/dir/m.onnx").toString());
            assertEquals(ExportViewModel.Status.FAILED, vm.export().get(60, TimeUnit.SECONDS));
            assertTrue(vm.messageProperty().get().startsWith("Cannot export to "), vm.messageProperty().get());
        }
    }

    private static int[] djlShape(Tensor t) {
        int[] s = new int[t.rank()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.dim(i);
        }
        return s;
    }

    private static Tensor runOrt(Path model, Tensor x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = new long[x.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = x.dim(i);
        }
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloats()), shape);
             OrtSession.Result r = s.run(Map.of("input", in))) {
            OnnxTensor out = (OnnxTensor) r.get("output").orElseThrow();
            long[] os = out.getInfo().getShape();
            int[] dims = new int[os.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) os[i];
            }
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return Tensor.fromFloats(dims, v);
        }
    }
}
