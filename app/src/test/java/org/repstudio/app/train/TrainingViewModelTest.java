package org.repstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repstudio.core.ab.AbReport;
import org.repstudio.core.ab.Ablations;
import org.repstudio.core.ab.ArmResult;
import org.repstudio.core.design.LoadedDesign;
import org.repstudio.core.io.DesignIO;
import org.repstudio.core.train.GeneratedShapes;
import org.repstudio.core.train.TrainConfig;

/** The training view model without the toolkit: real, tiny DJL runs on its worker thread. */
class TrainingViewModelTest {

    static final Path SAMPLE = Path.of("..", "samples", "repvgg-s1.json").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private TrainingViewModel vm;

    /** A copy of the RepVGG sample in a temp folder (trained files land beside it), tiny sizes. */
    private TrainingViewModel tiny() throws Exception {
        Path design = tmp.resolve("repvgg-s1.json");
        Files.copy(SAMPLE, design);
        vm = new TrainingViewModel(LoadedDesign.of(DesignIO.read(design), design, LoadedDesign.DEFAULT_SEED),
                Runnable::run);
        vm.batchSizeProperty().set(32);
        vm.maxTrainImagesProperty().set(128);
        vm.maxTestImagesProperty().set(64);
        vm.copiesProperty().set(1);
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void theAbRunsTheCoreStudyOnEverySeedOfEveryArmAndTheTrainButtonStillTrainsOnce() throws Exception {
        tiny().abSeedsProperty().set(2);
        vm.startAb();
        assertEquals(TrainingStatus.DONE, vm.whenIdle().get(300, TimeUnit.SECONDS), vm.messageProperty().get());
        AbReport ab = vm.abProperty().get();
        assertNotNull(ab);
        assertEquals(List.of(42L, 43L), ab.seeds());
        assertEquals(List.of("re-param", "plain"), ab.arms().stream().map(ArmResult::label).toList());
        assertTrue(ab.arms().stream().allMatch(a -> a.seeds().size() == 2), "every seed of every arm is kept");
        assertEquals("staged", ab.harness(), "the window's default harness is the A/B command's");
        assertEquals(128, ab.trainImages(), "the image limits apply");
        assertEquals(1, ab.comparisons().size());
        assertTrue(vm.messageProperty().get().contains(ab.comparisons().get(0).sentence()), vm.messageProperty().get());
        assertEquals(List.of("#1 re-param s42", "#1 plain s42", "#1 re-param s43", "#1 plain s43"),
                vm.runs().stream().map(RunSeries::name).toList(), "one live series per run, interleaved by seed");
        RunSeries reparam = vm.runs().get(0);
        assertEquals(4, reparam.loss().size(), "128 images / batch 32");
        assertTrue(reparam.loss().stream().allMatch(p -> Double.isFinite(p.y()) && p.y() > 0));
        assertEquals(1.0, reparam.loss().get(3).x(), 1e-9, "x is the position in epochs");
        assertTrue(vm.runs().get(1).plain());
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.results().isEmpty(), "the study compares arms; it fuses nothing");
        // every seed's result is kept as the ab command keeps it, in the design's run folder
        java.nio.file.Path record = tmp.resolve("repvgg-s1.ab-provenance.json");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                record.toFile());
        assertEquals(2, json.get("arms").get(1).get("runs").size(), "both plain runs in the record");
        assertEquals(43, json.get("arms").get(0).get("runs").get(1).get("seed").asInt());
        assertTrue(json.get("configuration").asText().contains("staged harness"), json.get("configuration").asText());
        assertTrue(vm.messageProperty().get().endsWith("every run kept in repvgg-s1.ab-provenance.json"),
                vm.messageProperty().get());

        vm.start();
        assertEquals(TrainingStatus.DONE, vm.whenIdle().get(120, TimeUnit.SECONDS));
        assertEquals(5, vm.runs().size(), "runs are kept so they overlay");
        assertEquals("#2 re-param", vm.runs().get(4).name());
        RunResult r = vm.results().get(0);
        assertEquals(TrainingStatus.DONE, r.status());
        assertTrue(r.agreement() >= 0.999, "fusing keeps the predictions: " + r.agreement());
        assertTrue(r.accuracyInt8() >= 0 && r.accuracyInt8() <= 1, "INT8 fused measured in ONNX Runtime: "
                + r.accuracyInt8() + " · " + vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("INT8 fused in ONNX Runtime"), vm.messageProperty().get());
        assertTrue(r.latencyFusedMs() > 0 && r.latencyUnfusedMs() > 0);
        assertFalse(r.saved().isEmpty());
        assertTrue(r.saved().stream().allMatch(Files::exists));
        assertTrue(Files.exists(tmp.resolve("repvgg-s1.train.json")));
        assertSame(ab, vm.abProperty().get(), "a single run leaves the A/B as it was");
    }

    @Test
    void theAbAddsTheChosenAblationsAndACancelledStudyKeepsTheRunsThatFinished() throws Exception {
        tiny().ablationsProperty().set(Ablations.Mode.CUMULATIVE);
        vm.abSeedsProperty().set(3);
        vm.startAb();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (vm.runs().size() < 3 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        vm.cancel();
        assertEquals(TrainingStatus.CANCELLED, vm.whenIdle().get(120, TimeUnit.SECONDS));
        AbReport ab = vm.abProperty().get();
        assertNotNull(ab, "the runs that finished are shown");
        assertEquals(List.of("re-param", "plain", "only 3x3", "3x3 + 1x1"),
                ab.arms().stream().map(ArmResult::label).toList());
        assertTrue(ab.seeds().size() < 3, "stopped before the last seed: " + ab.seeds());
        assertTrue(vm.messageProperty().get().startsWith("A/B cancelled"), vm.messageProperty().get());
    }

    @Test
    void zeroSeedsAreRefusedBeforeAnyWork() throws Exception {
        tiny().abSeedsProperty().set(0);
        vm.startAb();
        assertEquals(TrainingStatus.FAILED, vm.statusProperty().get());
        assertTrue(vm.messageProperty().get().contains("seeds must be >= 1"), vm.messageProperty().get());
        assertTrue(vm.runs().isEmpty());
    }

    @Test
    void cancelEndsCancelledWithAConsistentModel() throws Exception {
        tiny().epochsProperty().set(50);
        vm.maxTrainImagesProperty().set(256);
        vm.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (vm.seriesRevisionProperty().get() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(TrainingStatus.RUNNING, vm.statusProperty().get());
        vm.cancel();
        assertEquals(TrainingStatus.CANCELLED, vm.whenIdle().get(120, TimeUnit.SECONDS));
        RunResult r = vm.results().get(0);
        assertTrue(r.message().startsWith("cancelled"), r.message());
        assertTrue(vm.runs().get(0).loss().size() < 50 * 16, "stopped early");
        assertTrue(r.agreement() >= 0.999, "the cancelled model fuses to the same predictions: " + r.agreement());
        assertTrue(vm.messageProperty().get().contains("cancelled"), vm.messageProperty().get());
    }

    @Test
    void aDivergingRunStopsWithTheMessageAndSavesNothing() throws Exception {
        tiny().learningRateProperty().set(1e4);
        vm.weightDecayProperty().set(0);
        vm.epochsProperty().set(3);
        vm.start();
        assertEquals(TrainingStatus.DIVERGED, vm.whenIdle().get(120, TimeUnit.SECONDS));
        assertTrue(vm.messageProperty().get().contains("lower learning rate"), vm.messageProperty().get());
        assertEquals(TrainingStatus.DIVERGED, vm.results().get(0).status());
        assertTrue(Double.isNaN(vm.results().get(0).accuracyFused()), "a diverged model is not evaluated");
        assertFalse(Files.exists(tmp.resolve("repvgg-s1.train.json")));
    }

    @Test
    void aMissingGpuFallsBackToTheCpuWithANotice() throws Exception {
        tiny().loadDevices().get(60, TimeUnit.SECONDS);
        assertTrue(vm.devices().contains("cpu"));
        assertFalse(vm.engines().isEmpty());
        assertEquals("", vm.deviceNoticeProperty().get());
        vm.deviceProperty().set("gpu" + vm.devices().size()); // one past the last GPU DJL sees
        String notice = vm.deviceNoticeProperty().get();
        assertTrue(notice.contains("running on the CPU"), notice);
        vm.start();
        assertEquals(TrainingStatus.DONE, vm.whenIdle().get(120, TimeUnit.SECONDS));
        assertEquals("cpu()", vm.results().get(0).device());
        assertTrue(vm.messageProperty().get().contains("running on the CPU"), vm.messageProperty().get());
    }

    @Test
    void aMalformedDatasetNamesTheFile() throws Exception {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        tiny().datasetProperty().set(DatasetOption.Source.MNIST);
        vm.start();
        assertEquals(TrainingStatus.FAILED, vm.statusProperty().get(), "no folder chosen yet");
        assertTrue(vm.messageProperty().get().contains("choose the folder"), vm.messageProperty().get());

        vm.folderProperty().set(mnist.toString());
        vm.start();
        assertEquals(TrainingStatus.FAILED, vm.whenIdle().get(60, TimeUnit.SECONDS));
        assertTrue(vm.messageProperty().get().contains("train-images-idx3-ubyte"), vm.messageProperty().get());
        vm.refreshPreview().get(60, TimeUnit.SECONDS);
        assertTrue(vm.preview().isEmpty());
        assertTrue(vm.datasetInfoProperty().get().contains("train-images-idx3-ubyte"));

        vm.folderProperty().set(tmp.resolve("nowhere").toString());
        vm.start();
        assertEquals(TrainingStatus.FAILED, vm.whenIdle().get(60, TimeUnit.SECONDS));
        assertTrue(vm.messageProperty().get().contains("nowhere"), vm.messageProperty().get());
    }

    @Test
    void holdsNoJavaFxNode() {
        for (Class<?> c : new Class<?>[] {TrainingViewModel.class, RunSeries.class, RunResult.class}) {
            for (var f : c.getDeclaredFields()) {
                assertFalse(f.getType().getName().startsWith("javafx.scene"), c.getSimpleName() + "." + f.getName());
            }
        }
    }

    @Test
    void previewDownloadsAndDefaults() throws Exception {
        tiny().refreshPreview().get(60, TimeUnit.SECONDS);
        assertEquals(TrainingViewModel.PREVIEW_SIZE, vm.preview().size());
        vm.preview().forEach(p -> assertEquals(GeneratedShapes.CLASSES.get(p.label()), p.className()));
        assertEquals(1024, vm.preview().get(0).pixels().length, "grey 32x32");
        assertTrue(vm.datasetInfoProperty().get().contains("8 classes"), vm.datasetInfoProperty().get());

        DatasetOption djl = vm.datasets().stream()
                .filter(d -> d.source() == DatasetOption.Source.DJL_MNIST).findFirst().orElseThrow();
        assertFalse(djl.enabled());
        assertTrue(djl.reason().contains("Allow downloads"), djl.reason());
        vm.allowDownloadsProperty().set(true);
        djl = vm.datasets().stream().filter(d -> d.source() == DatasetOption.Source.DJL_MNIST).findFirst().orElseThrow();
        assertFalse(djl.reason() != null && djl.reason().contains("Allow downloads"), "the reason moved on");

        assertEquals(TrainConfig.OptimizerKind.SGD, vm.optimizerProperty().get());
        assertEquals(0.05, vm.learningRateProperty().get());
        vm.optimizerProperty().set(TrainConfig.OptimizerKind.ADAM);
        assertEquals(0.002, vm.learningRateProperty().get(), "Adam gets its own default rate");
        vm.batchSizeProperty().set(1);
        vm.start();
        assertEquals(TrainingStatus.FAILED, vm.statusProperty().get());
        assertTrue(vm.messageProperty().get().contains("batch size"), vm.messageProperty().get());
    }
}
