package org.repstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.core.graph.Node;
import org.repstudio.core.graph.Op;

/**
 * The editor's speed on the real window (headless): opening the largest sample and fitting it, and the
 * time from one edit on a 300-node design to shapes and badges drawn. Prints the figures:
 * {@code mvn -pl app -am test -Dtest=EditorBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class EditorBenchmarkTest extends RunningAppTest {

    /**
     * Opens and fits {@code file}: ms until the first pulse after it has styled and laid out the skins, and the
     * CPU ms the FX thread spent in that time (less shaken by other work on a shared machine).
     */
    private double[] openAndFit(Path file) {
        long[] open = new long[2];
        long[] openStart = new long[2];
        javafx.scene.Scene scene = app.window().canvas().getScene();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Runnable[] opened = new Runnable[1];
        opened[0] = () -> {
            if (open[0] == 0 && openStart[0] != 0) {
                open[0] = System.nanoTime() - openStart[0];
                open[1] = cpu.getCurrentThreadCpuTime() - openStart[1];
                javafx.application.Platform.runLater(() -> scene.removePostLayoutPulseListener(opened[0]));
            }
        };
        robot.interact(() -> {
            scene.addPostLayoutPulseListener(opened[0]);
            openStart[1] = cpu.getCurrentThreadCpuTime();
            openStart[0] = System.nanoTime();
            app.open(file);
            app.window().canvas().fit();
            javafx.application.Platform.requestNextPulse();
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return new double[] {open[0] / 1e6, open[1] / 1e6};
    }

    @Test
    void openTheLargestSampleAndFitItThenEditA300NodeDesign() {
        Path a0 = REPO.resolve("samples/networks/repvgg-a0.json");
        double[] cold = openAndFit(a0);
        robot.interact(() -> {
            app.model().newDesign();
            app.model().editor().clearFeedbackCache();
        });
        double[] warm = openAndFit(a0);
        int skinned = app.window().canvas().skinnedCount();
        EditorViewModel vm = app.model().editor();
        int nodes = vm.graph().nodes().size();
        System.out.printf("BENCH open+fit %s (%d nodes, %d in view skinned) until drawn: first in a fresh JVM %.0f ms"
                + " (FX thread CPU %.0f ms), again (warm JVM, region checks not cached) %.0f ms (FX thread CPU %.0f ms)%n",
                a0.getFileName(), nodes, skinned, cold[0], cold[1], warm[0], warm[1]);

        robot.interact(() -> {
            vm.selectAll();
            vm.duplicate();
        });
        int big = vm.graph().nodes().size();
        assertTrue(big >= 300, "design size " + big);
        List<String> convs = new ArrayList<>();
        for (Node n : vm.graph().nodes().values()) {
            if (n.op() instanceof Op.Conv) {
                convs.add(n.id());
            }
        }
        int runs = 15;
        double[] ms = new double[runs];
        double[] model = new double[runs];
        double[] fb = new double[runs];
        for (int i = 0; i < runs; i++) {
            String id = convs.get((i * 7) % convs.size());
            int k = i % 2 == 0 ? 5 : 3;
            long[] t = new long[1];
            int idx = i;
            long[] start = new long[1];
            javafx.scene.Scene scene = app.window().canvas().getScene();
            Runnable[] pulse = new Runnable[1];
            // the end: the first pulse after the edit has run CSS and layout on what changed
            pulse[0] = () -> {
                if (t[0] == 0 && start[0] != 0) {
                    t[0] = System.nanoTime() - start[0];
                    javafx.application.Platform.runLater(() -> scene.removePostLayoutPulseListener(pulse[0]));
                }
            };
            robot.interact(() -> {
                scene.addPostLayoutPulseListener(pulse[0]);
                long t0 = System.nanoTime();
                start[0] = t0;
                vm.setField(id, "kernelH", k); // recomputes feedback and updates skins synchronously
                model[idx] = (System.nanoTime() - t0) / 1e6;
                fb[idx] = vm.lastFeedbackNanos() / 1e6;
                javafx.application.Platform.requestNextPulse();
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            ms[i] = t[0] / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Arrays.sort(model);
        Arrays.sort(fb);
        System.out.printf("BENCH edit on %d nodes: feedback computed (shapes, costs, problems, fusable) median %.1f ms"
                + " max %.1f ms; edit+feedback+skins updated median %.1f ms max %.1f ms; until the next"
                + " pulse has run CSS and layout median %.1f ms max %.1f ms%n", big, fb[runs / 2], fb[runs - 1], model[runs / 2], model[runs - 1],
                sorted[runs / 2], sorted[runs - 1]);
        assertEquals(big, vm.graph().nodes().size());
        assertTrue(warm[0] < 15000, "open+fit " + warm[0] + " ms");
        // Regression guards only (targets: 1 s and 50 ms), loose because the test machine is shared.
        assertTrue(fb[runs / 2] < 250, "median feedback " + fb[runs / 2] + " ms");
        assertTrue(sorted[runs / 2] < 1000, "median edit to drawn " + sorted[runs / 2] + " ms");
    }
}
