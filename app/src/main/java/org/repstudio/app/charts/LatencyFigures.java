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
 * @param reps    timed rounds (each figure is a median over them)
 * @param noise   largest interquartile range over median of the series (above 0.15 the machine was busy)
 * @param exact   whether the whole design fused (false: refused regions stayed unfused)
 */
public record LatencyFigures(List<Engine> engines, int batch, int threads, int reps, double noise, boolean exact) {

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

    /** The figures of a bench run. */
    public static LatencyFigures of(BenchResult r) {
        Engine djl = new Engine("DJL (" + r.djlEngine() + ")", r.unfused().djlMs(), r.fused().djlMs(),
                r.plain().djlMs());
        Engine ort = new Engine("ONNX Runtime " + r.ortVersion(), r.unfused().ortMs(), r.fused().ortMs(),
                r.plain().ortMs());
        return new LatencyFigures(List.of(djl, ort), r.options().batch(), r.options().threads(), r.options().reps(),
                r.noise(), r.exact());
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
        return String.format(Locale.ROOT, "batch %d, %d thread%s, median of %d rounds%s", batch, threads,
                threads == 1 ? "" : "s", reps, exact ? "" : " · some regions refused, left unfused");
    }
}
