package org.repstudio.app.charts;

import java.util.List;
import java.util.Locale;
import org.repstudio.core.onnx.BenchResult;

/**
 * What the latency chart shows: per engine, the median milliseconds per forward pass of the unfused design,
 * the fused design and a plain conv network of the fused shape (the limit fusion should reach), and the
 * ratios.
 *
 * @param engines one entry per engine, DJL first
 * @param batch   batch size of the timed input
 * @param threads intra-op threads of both engines
 * @param reps    timed rounds
 * @param statistic which figure of the rounds each bar shows
 * @param noise   largest interquartile range over median of the series (above 0.15 the machine was busy)
 * @param exact   whether the whole design fused (false: refused regions stayed unfused)
 */
public record LatencyFigures(List<Engine> engines, int batch, int threads, int reps, Statistic statistic, double noise,
                             boolean exact) {

    /** Which figure of the timed rounds a bar shows. */
    public enum Statistic {
        /** The median round: what a user typically gets. */
        MEDIAN("median"),
        /** The fastest round: the figure least touched by other work on a busy machine. */
        FASTEST("fastest");

        private final String label;

        Statistic(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Above this noise the figures are called rough (the CLI's threshold). */
    public static final double NOISY = 0.15;

    /**
     * Medians of one engine in ms.
     *
     * @param name      engine label for the chart, e.g. "DJL (PyTorch 2.7.1)"
     * @param unfusedMs train-time graph in inference form
     * @param fusedMs   fused graph
     * @param plainMs   plain conv network of the fused shape
     */
    public record Engine(String name, double unfusedMs, double fusedMs, double plainMs) {

        /** unfused / fused: how many times faster fusion made it. */
        public double speedup() {
            return unfusedMs / fusedMs;
        }

        /** fused / plain: 1 means the fused model is as fast as a plain conv net of its shape. */
        public double fusedVsPlain() {
            return fusedMs / plainMs;
        }
    }

    public LatencyFigures {
        engines = List.copyOf(engines);
    }

    /** The medians of a bench run. */
    public static LatencyFigures of(BenchResult r) {
        return of(r, Statistic.MEDIAN);
    }

    /** The medians or the fastest rounds of a bench run. */
    public static LatencyFigures of(BenchResult r, Statistic s) {
        boolean median = s == Statistic.MEDIAN;
        BenchResult.Timing u = r.unfused();
        BenchResult.Timing f = r.fused();
        BenchResult.Timing p = r.plain();
        Engine djl = median ? new Engine("DJL (" + r.djlEngine() + ")", u.djlMs(), f.djlMs(), p.djlMs())
                : new Engine("DJL (" + r.djlEngine() + ")", u.djlMinMs(), f.djlMinMs(), p.djlMinMs());
        Engine ort = median ? new Engine("ONNX Runtime " + r.ortVersion(), u.ortMs(), f.ortMs(), p.ortMs())
                : new Engine("ONNX Runtime " + r.ortVersion(), u.ortMinMs(), f.ortMinMs(), p.ortMinMs());
        return new LatencyFigures(List.of(djl, ort), r.options().batch(), r.options().threads(), r.options().reps(),
                s, r.noise(), r.exact());
    }

    public Engine djl() {
        return engines.get(0);
    }

    public Engine ort() {
        return engines.get(1);
    }

    /** One line with the speedups, e.g. "Fusion: 2.31× faster on DJL, 1.87× on ONNX Runtime". */
    public String speedupLine() {
        return String.format(Locale.ROOT, "Fusion: %.2f× faster on DJL, %.2f× on ONNX Runtime", djl().speedup(),
                ort().speedup());
    }

    /** How it was measured: "batch 1, 2 threads, median of 30 rounds". */
    public String conditionsLine() {
        return String.format(Locale.ROOT, "batch %d, %d thread%s, %s of %d rounds%s", batch, threads,
                threads == 1 ? "" : "s", statistic, reps, exact ? "" : " · some regions refused, left unfused");
    }
}
