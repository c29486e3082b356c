package org.repstudio.core.onnx;

import org.repstudio.core.graph.RandomWeights;

/**
 * How {@link LatencyBench} measures.
 *
 * @param batch    batch size of the timed input [batch, C, H, W]
 * @param threads  intra-op threads for ONNX Runtime and for DJL's PyTorch engine
 * @param warmup   untimed rounds first (each round runs every model once on each engine)
 * @param reps     timed rounds; each figure is the median over them
 * @param seed     seed of the input and of the plain network's fresh random weights
 * @param spinning let ONNX Runtime's idle pool threads spin between runs (its default); off, they block and
 *                 leave the cores to the next model in the round
 */
public record BenchOptions(int batch, int threads, int warmup, int reps, long seed, boolean spinning) {

    public BenchOptions {
        if (batch < 1 || threads < 1 || warmup < 0 || reps < 1) {
            throw new IllegalArgumentException("need batch >= 1, threads >= 1, warmup >= 0, reps >= 1; got batch "
                    + batch + ", threads " + threads + ", warmup " + warmup + ", reps " + reps);
        }
    }

    /**
     * Batch 1, 2 threads, 5 warm-up rounds, 100 timed rounds (about a minute for RepVGG-A0 on 2 cores), seed
     * 42, spinning on as ONNX Runtime ships.
     */
    public static BenchOptions defaults() {
        return new BenchOptions(1, 2, 5, 100, RandomWeights.DEFAULT_SEED, true);
    }

    public BenchOptions withBatch(int b) {
        return new BenchOptions(b, threads, warmup, reps, seed, spinning);
    }

    public BenchOptions withThreads(int t) {
        return new BenchOptions(batch, t, warmup, reps, seed, spinning);
    }

    public BenchOptions withWarmup(int w) {
        return new BenchOptions(batch, threads, w, reps, seed, spinning);
    }

    public BenchOptions withReps(int r) {
        return new BenchOptions(batch, threads, warmup, r, seed, spinning);
    }

    public BenchOptions withSeed(long s) {
        return new BenchOptions(batch, threads, warmup, reps, s, spinning);
    }

    public BenchOptions withSpinning(boolean s) {
        return new BenchOptions(batch, threads, warmup, reps, seed, s);
    }
}
