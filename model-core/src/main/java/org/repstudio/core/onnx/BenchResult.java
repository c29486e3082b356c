package org.repstudio.core.onnx;

/**
 * Median latencies of one {@link LatencyBench} run and their ratios. "Plain" is a conv network of the fused
 * graph's shape with its own fresh random weights: the speed a fused model should reach.
 *
 * @param unfused         the train-time graph in inference form
 * @param fused           the fused graph
 * @param plain           the plain conv network of the fused shape
 * @param options         how it was measured
 * @param exact           whether the whole design fused (false: refused regions stayed unfused)
 * @param unfusedConvs    Conv nodes in the unfused ONNX model
 * @param fusedConvs      Conv nodes in the fused ONNX model
 * @param ortVersion      the ONNX Runtime version
 * @param djlEngine       DJL's engine, e.g. "PyTorch 2.7.1"
 * @param noise           the largest interquartile range over median among the six series; well above 0.1
 *                        means other work on the machine got in the way and the ratios are rough
 * @param seconds         wall time of the whole run, export and warm-up included
 */
public record BenchResult(Timing unfused, Timing fused, Timing plain, BenchOptions options, boolean exact,
                          int unfusedConvs, int fusedConvs, String ortVersion, String djlEngine, double noise,
                          double seconds) {

    /**
     * Milliseconds per forward pass of one model: the median over the timed rounds, and the fastest round
     * (other work on the machine only ever adds time, so the minimum is the figure least touched by it).
     *
     * @param djlMs    median on DJL (inference mode, float32)
     * @param ortMs    median on ONNX Runtime (CPU, all graph optimizations on)
     * @param djlMinMs fastest round on DJL
     * @param ortMinMs fastest round on ONNX Runtime
     */
    public record Timing(double djlMs, double ortMs, double djlMinMs, double ortMinMs) {
    }

    /** unfused / fused on ONNX Runtime: what fusing buys beyond ORT's own BN folding. */
    public double speedupOrt() {
        return unfused.ortMs() / fused.ortMs();
    }

    /** unfused / fused on ONNX Runtime from the fastest rounds: the ratio least touched by a busy machine. */
    public double speedupOrtBest() {
        return unfused.ortMinMs() / fused.ortMinMs();
    }

    /** fused / plain on ONNX Runtime from the fastest rounds. */
    public double fusedVsPlainOrtBest() {
        return fused.ortMinMs() / plain.ortMinMs();
    }

    /** unfused / fused on DJL. */
    public double speedupDjl() {
        return unfused.djlMs() / fused.djlMs();
    }

    /** fused / plain on ONNX Runtime: 1 means the fused model runs as fast as a plain conv net of its shape. */
    public double fusedVsPlainOrt() {
        return fused.ortMs() / plain.ortMs();
    }

    /** fused / plain on DJL. */
    public double fusedVsPlainDjl() {
        return fused.djlMs() / plain.djlMs();
    }
}
