package org.repstudio.core.graph;

import org.repstudio.core.algebra.Padding;

/**
 * The operation a node performs. Tensors are NCHW with a symbolic batch; a flat tensor is [N, F].
 * Records are immutable so a graph is a value and undo can keep snapshots.
 */
public sealed interface Op permits Op.Input, Op.Conv, Op.BatchNorm, Op.Scale, Op.AvgPool, Op.Pad,
        Op.Identity, Op.Add, Op.Concat, Op.Relu, Op.PRelu, Op.GlobalAvgPool, Op.Flatten, Op.Linear,
        Op.Output, Op.Opaque {

    /** Short lower-case name used in the design file and in messages. */
    String kind();

    /** Number of input ports; -1 for ops taking two or more (Add, Concat). */
    default int arity() {
        return 1;
    }

    /** True for ops that are affine convolutions in disguise and may be fused into one conv. */
    default boolean isConvLinear() {
        return false;
    }

    /** Graph entry: one image tensor [N, channels, height, width]. */
    record Input(int channels, int height, int width) implements Op {
        public String kind() { return "input"; }
        public int arity() { return 0; }
    }

    /** 2-D convolution, weight [out, in/groups, kernelH, kernelW], optional bias [out]. */
    record Conv(int outChannels, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                int dilationH, int dilationW, int groups, boolean bias) implements Op {
        public String kind() { return "conv"; }
        public boolean isConvLinear() { return true; }

        /** A square KxK conv with stride s, symmetric padding p, no dilation. */
        public static Conv square(int out, int k, int stride, int pad, int groups, boolean bias) {
            return new Conv(out, k, k, stride, stride, Padding.of(pad), 1, 1, groups, bias);
        }

        public Conv withOutChannels(int out) {
            return new Conv(out, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, groups, bias);
        }

        public Conv withKernel(int kh, int kw) {
            return new Conv(outChannels, kh, kw, strideH, strideW, padding, dilationH, dilationW, groups, bias);
        }

        public Conv withPadding(Padding p) {
            return new Conv(outChannels, kernelH, kernelW, strideH, strideW, p, dilationH, dilationW, groups, bias);
        }

        public Conv withGroups(int g) {
            return new Conv(outChannels, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, g, bias);
        }
    }

    /** Batch normalization in inference form; parameters gamma, beta, mean, var, each [C]. */
    record BatchNorm(double eps) implements Op {
        public String kind() { return "batchnorm"; }
        public boolean isConvLinear() { return true; }
    }

    /** Per-channel multiplier (OREPA's linear scaling layer); parameter scale [C]. */
    record Scale() implements Op {
        public String kind() { return "scale"; }
        public boolean isConvLinear() { return true; }
    }

    /** Average pooling; padded zeros count in the average (count_include_pad). */
    record AvgPool(int kernelH, int kernelW, int strideH, int strideW, Padding padding) implements Op {
        public String kind() { return "avgpool"; }
        public boolean isConvLinear() { return true; }
    }

    /** How a {@link Pad} fills the border. */
    enum PadMode {
        /** Zeros. */
        ZERO,
        /** Each channel's bias of the producing op (DBB's BN-and-pad), exact before a following conv. */
        BIAS
    }

    /** Explicit spatial padding. */
    record Pad(Padding padding, PadMode mode) implements Op {
        public String kind() { return "pad"; }
        public boolean isConvLinear() { return true; }
    }

    /** Passes its input through (a shortcut branch). */
    record Identity() implements Op {
        public String kind() { return "identity"; }
        public boolean isConvLinear() { return true; }
    }

    /** Element-wise sum of two or more tensors of the same shape. */
    record Add() implements Op {
        public String kind() { return "add"; }
        public int arity() { return -1; }
        public boolean isConvLinear() { return true; }
    }

    /** Channel (depth) concatenation of two or more tensors with the same spatial size. */
    record Concat() implements Op {
        public String kind() { return "concat"; }
        public int arity() { return -1; }
        public boolean isConvLinear() { return true; }
    }

    record Relu() implements Op {
        public String kind() { return "relu"; }
    }

    /** Parametric ReLU with one slope per channel; parameter alpha [C]. */
    record PRelu() implements Op {
        public String kind() { return "prelu"; }
    }

    /** Mean over height and width: [N, C, H, W] to [N, C, 1, 1]. */
    record GlobalAvgPool() implements Op {
        public String kind() { return "globalavgpool"; }
    }

    /** [N, C, H, W] to [N, C*H*W]. */
    record Flatten() implements Op {
        public String kind() { return "flatten"; }
    }

    /** Fully connected layer on a flat tensor; weight [out, in], optional bias [out]. */
    record Linear(int outFeatures, boolean bias) implements Op {
        public String kind() { return "linear"; }
    }

    /** Graph exit; exactly one per graph. */
    record Output() implements Op {
        public String kind() { return "output"; }
    }

    /**
     * An op the IR does not express, kept whole from an imported ONNX model: {@code onnx} is a base64
     * serialized ONNX GraphProto holding the one NodeProto (op type, domain, attributes untouched; its wired
     * inputs renamed {@code in0, in1, ...}, its output {@code out}) and its constant inputs as initializers.
     * It bounds linear regions, runs only in ONNX Runtime, and is written back unchanged on export.
     *
     * @param opType      the ONNX op type, shown on the canvas
     * @param inputs      how many wired (non-constant) inputs it reads, in port order
     * @param outputShape the shape of its one output, measured when it was imported
     */
    record Opaque(String opType, int inputs, TensorShape outputShape, String onnx) implements Op {
        public String kind() { return "opaque"; }
        public int arity() { return inputs; }
    }
}
