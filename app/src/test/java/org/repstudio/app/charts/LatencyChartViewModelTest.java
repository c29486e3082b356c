package org.repstudio.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.repstudio.core.graph.Graph;
import org.repstudio.core.graph.Weights;
import org.repstudio.core.io.DesignFile;

/** The latency view model runs the real bench (DJL and ONNX Runtime) on a small sample, without the toolkit. */
class LatencyChartViewModelTest {

    static final Path SAMPLE = Path.of("..", "samples", "repvgg-s1.json").toAbsolutePath().normalize();

    @Test
    void measuresTheSampleOnBothEnginesWithPositiveFiguresAndRatios() throws Exception {
        LatencyChartViewModel vm = new LatencyChartViewModel(ChartsDesign.read(SAMPLE), Runnable::run);
        vm.repsProperty().set(5);
        vm.warmupProperty().set(1);
        List<String> phases = Collections.synchronizedList(new ArrayList<>());
        vm.phaseProperty().addListener((o, a, b) -> phases.add(b));
        assertNull(vm.figures());

        LatencyFigures f = vm.measure().get(180, TimeUnit.SECONDS);

        assertEquals(f, vm.figures());
        assertEquals(2, f.engines().size());
        assertTrue(f.djl().name().startsWith("DJL"), f.djl().name());
        assertTrue(f.ort().name().startsWith("ONNX Runtime"), f.ort().name());
        for (LatencyFigures.Engine e : f.engines()) {
            for (double ms : new double[] {e.unfusedMs(), e.fusedMs(), e.plainMs()}) {
                assertTrue(ms > 0 && Double.isFinite(ms), e.toString());
            }
            assertTrue(e.speedup() > 0 && Double.isFinite(e.speedup()), e.toString());
            assertTrue(e.fusedVsPlain() > 0 && Double.isFinite(e.fusedVsPlain()), e.toString());
        }
        assertEquals(5, f.reps());
        assertTrue(f.exact());
        assertTrue(f.speedupLine().contains("× faster on DJL"), f.speedupLine());
        assertFalse(vm.runningProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertTrue(vm.phaseProperty().get().startsWith("Done in"), vm.phaseProperty().get());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("Exporting")), phases.toString());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("Measuring")), phases.toString());

        vm.statisticProperty().set(LatencyFigures.Statistic.FASTEST);
        LatencyFigures best = vm.figures();
        assertEquals(LatencyFigures.Statistic.FASTEST, best.statistic());
        assertEquals(vm.resultProperty().get().fused().ortMinMs(), best.ort().fusedMs());
        for (int i = 0; i < 2; i++) {
            assertTrue(best.engines().get(i).unfusedMs() <= f.engines().get(i).unfusedMs(), "fastest <= median");
        }
    }

    @Test
    void cancelStopsTheMeasurementWithoutAnError() throws Exception {
        LatencyChartViewModel vm = new LatencyChartViewModel(ChartsDesign.read(SAMPLE), Runnable::run);
        vm.repsProperty().set(1000);
        CompletableFuture<LatencyFigures> run = vm.measure();
        assertTrue(vm.runningProperty().get());
        assertTrue(vm.measure().isCompletedExceptionally(), "a second measurement waits for the first");
        vm.cancel();
        assertThrows(CancellationException.class, () -> run.get(120, TimeUnit.SECONDS));
        assertEquals("Cancelled", vm.phaseProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertFalse(vm.runningProperty().get());
        assertNull(vm.figures());
    }

    @Test
    void anInvalidDesignFromTheEditorOpensAndSaysWhyItCannotBeMeasured() throws Exception {
        Graph g = ChartsDesign.read(SAMPLE).graph();
        Graph broken = g.withoutNode("add");
        ChartsDesign d = ChartsDesign.of(DesignFile.of("broken", "", "RepVGG", broken), null);
        LatencyChartViewModel vm = new LatencyChartViewModel(d, Runnable::run);
        assertThrows(ExecutionException.class, () -> vm.measure().get(60, TimeUnit.SECONDS));
        assertTrue(vm.errorProperty().get().startsWith("The design cannot be measured: "), vm.errorProperty().get());
    }

    @Test
    void weightsThatDoNotFitGiveAClearError() throws Exception {
        ChartsDesign d = ChartsDesign.read(SAMPLE);
        ChartsDesign broken = new ChartsDesign(d.name(), d.method(), d.graph(), Weights.empty(), d.file(), "none");
        LatencyChartViewModel vm = new LatencyChartViewModel(broken, Runnable::run);
        ExecutionException e = assertThrows(ExecutionException.class, () -> vm.measure().get(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        String why = vm.errorProperty().get();
        assertTrue(why.startsWith("The design cannot be measured: "), why);
        assertTrue(why.contains("conv3x3"), "names the node: " + why);
        assertEquals("Failed", vm.phaseProperty().get());
        assertFalse(vm.runningProperty().get());
    }
}
