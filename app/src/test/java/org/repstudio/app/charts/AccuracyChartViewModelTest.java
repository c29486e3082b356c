package org.repstudio.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads what ./repstudio train writes beside a design, without the toolkit. */
class AccuracyChartViewModelTest {

    /** A file `./repstudio train samples/repvgg-s1.json --data builtin --epochs 2 --baseline` wrote. */
    static final String REAL_RUN = "/charts/repvgg-s1.train.json";

    /** A file `train repvgg-s1.json --data builtin --epochs 3 --max-train 3000 --max-test 1000 --seed 7` wrote. */
    static final String INT8_RUN = "/charts/repvgg-s1-int8.train.json";

    @TempDir
    Path tmp;

    static Path designWithInt8Run(Path dir) throws Exception {
        return designWith(dir, INT8_RUN);
    }

    @Test
    void aRunWithInt8AddsItsBarWithTheNumbers() throws Exception {
        AccuracyChartViewModel vm = new AccuracyChartViewModel(designWithInt8Run(tmp), () -> { });
        org.repstudio.core.train.Int8Evaluation q = vm.results().int8();
        assertTrue(q.measured());
        assertEquals(0.597, q.int8Top1(), 1e-12);
        assertEquals(0.596, q.floatFusedTop1(), 1e-12);
        assertEquals(0.953, q.agreement(), 1e-12);
        var bars = AccuracyChart.dataset(vm.results());
        assertEquals(java.util.List.of(AccuracyChart.UNFUSED, AccuracyChart.FUSED, AccuracyChart.INT8),
                bars.getColumnKeys(), "INT8 fused is the third bar, beside float unfused and fused");
        assertEquals(59.7, bars.getValue(0, 2).doubleValue(), 1e-9);
        String line = AccuracyChart.int8Line(vm.results());
        assertEquals("INT8 fused 59.70% in ONNX Runtime: +0.10 points vs float fused 59.60% · agrees with float fused "
                + "on 95.30% · 1.11x faster", line);
        assertTrue(AccuracyChart.subtitles(vm.results()).containsAll(AccuracyChart.int8Lines(vm.results())));
        assertTrue(vm.summaryProperty().get().contains(line), vm.summaryProperty().get());
    }

    @Test
    void anInt8StepThatDidNotMeasureSaysWhyAndDrawsNoBar() throws Exception {
        Path design = tmp.resolve("block.json");
        Files.writeString(design, "{}");
        Files.writeString(tmp.resolve("block.train.json"), """
                {"format": "repstudio-train-run", "version": 1, "hyperParameters": {"epochs": 1},
                 "dataset": {"name": "builtin"},
                 "results": {"status": "completed", "accuracyUnfused": 0.5, "accuracyFused": 0.5,
                             "predictionAgreement": 1.0,
                             "int8": {"outcome": "failed", "reason": "OrtException: no kernel"}}}
                """);
        AccuracyChartViewModel vm = new AccuracyChartViewModel(design, () -> { });
        assertFalse(vm.results().int8().measured());
        assertEquals(2, AccuracyChart.dataset(vm.results()).getColumnCount());
        assertEquals("INT8 not measured: OrtException: no kernel", AccuracyChart.int8Line(vm.results()));
    }

    static Path designWithRun(Path dir) throws Exception {
        return designWith(dir, REAL_RUN);
    }

    /** The RepVGG sample in {@code dir} with the provenance {@code run} (a test resource) beside it. */
    private static Path designWith(Path dir, String run) throws Exception {
        Path design = dir.resolve("repvgg-s1.json");
        Files.copy(LatencyChartViewModelTest.SAMPLE, design);
        try (var in = AccuracyChartViewModelTest.class.getResourceAsStream(run)) {
            Files.copy(in, dir.resolve("repvgg-s1.train.json"));
        }
        return design;
    }

    @Test
    void readsTheLatestRunBesideTheDesign() throws Exception {
        Path design = designWithRun(tmp);
        AccuracyChartViewModel vm = new AccuracyChartViewModel(design, () -> { });
        assertTrue(vm.trained());
        TrainResults r = vm.results();
        assertEquals(0.84, r.accuracyUnfused(), 1e-12);
        assertEquals(0.84, r.accuracyFused(), 1e-12);
        assertEquals(0.863, r.accuracyPlain(), 1e-12);
        assertEquals(1.0, r.predictionAgreement(), 1e-12);
        assertEquals("builtin", r.dataset());
        assertEquals(2, r.epochs());
        assertFalse(r.stale(), "the design file is the one trained");
        String s = vm.summaryProperty().get();
        assertTrue(s.startsWith("Identical predictions 100.00% · fused +0.00 points · builtin, 2 epochs"), s);
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aRunWithoutBaselineAndOfAnEditedDesign() throws Exception {
        Path design = tmp.resolve("block.json");
        Files.writeString(design, "{}");
        Files.writeString(tmp.resolve("block.train.json"), """
                {"format": "repstudio-train-run", "version": 1, "created": "2026-12-01T10:00:00Z",
                 "designSha256": "0000", "hyperParameters": {"epochs": 3}, "dataset": {"name": "mnist"},
                 "results": {"status": "completed", "accuracyUnfused": 0.9712, "accuracyFused": 0.9705,
                             "predictionAgreement": 0.9990}}
                """);
        AccuracyChartViewModel vm = new AccuracyChartViewModel(design, () -> { });
        TrainResults r = vm.results();
        assertNull(r.accuracyPlain());
        assertTrue(r.stale());
        assertEquals(-0.07, r.deltaPoints(), 1e-9);
        String s = vm.summaryProperty().get();
        assertTrue(s.contains("99.90%") && s.contains("-0.07 points") && s.contains("mnist, 3 epochs")
                && s.contains("2026-12-01 10:00 UTC") && s.contains("the design changed since this run"), s);
        assertEquals(2, AccuracyChart.dataset(r).getColumnCount(), "no plain bar without a baseline");
    }

    @Test
    void noRunMeansNotTrainedAndTrainAsksTheWindow() throws Exception {
        Path design = tmp.resolve("repvgg-s1.json");
        Files.copy(LatencyChartViewModelTest.SAMPLE, design);
        AtomicInteger asked = new AtomicInteger();
        AccuracyChartViewModel vm = new AccuracyChartViewModel(design, asked::incrementAndGet);
        assertFalse(vm.trained());
        assertTrue(vm.summaryProperty().get().startsWith("Not trained yet"), vm.summaryProperty().get());
        vm.requestTraining();
        assertEquals(1, asked.get());

        Path other = Files.createDirectories(tmp.resolve("x"));
        designWithRun(other);
        Files.copy(other.resolve("repvgg-s1.train.json"), tmp.resolve("repvgg-s1.train.json"));
        vm.reload();
        assertTrue(vm.trained(), "Reload picks up a run that finished meanwhile");
        assertNotNull(vm.results().accuracyPlain());

        AccuracyChartViewModel unsaved = new AccuracyChartViewModel(null, () -> { });
        assertFalse(unsaved.trained());
        assertTrue(unsaved.summaryProperty().get().contains("save the design"));
    }

    @Test
    void aBrokenFileIsAnErrorNotACrash() throws Exception {
        Path design = tmp.resolve("d.json");
        Files.writeString(tmp.resolve("d.train.json"), "{\"format\": \"something-else\"}");
        AccuracyChartViewModel vm = new AccuracyChartViewModel(design, () -> { });
        assertFalse(vm.trained());
        assertTrue(vm.errorProperty().get().contains("not a RepStudio training result"), vm.errorProperty().get());
    }
}
