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
     * Median milliseconds per forward pass of one model.
     *
     * @param djlMs on DJL (inference mode, float32)
     * @param ortMs on ONNX Runtime (CPU, all graph optimizations on)
     */
    public record Timing(double djlMs, double ortMs) {
    }

    /** unfused / fused on ONNX Runtime: what fusing buys beyond ORT's own BN folding. */
    public double speedupOrt() {
        return unfused.ortMs() / fused.ortMs();
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
