package org.repstudio.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Op;

/**
 * The NDArray arithmetic of each op, engine-neutral (only the NDArray API and the static ops of
 * {@code ai.djl.nn}). Feature maps are [N, C, H, W]; flat tensors [N, F]. The feature map is always the
 * first operand, so results land in the feature map's manager and not in a parameter's.
 */
final class OpKernels {

    private OpKernels() {
    }

    /** Conv with weight [O, C/groups, kH, kW] and bias [O] or null. */
    static NDArray conv(NDArray x, Op.Conv c, NDArray weight, NDArray bias) {
        Padding p = c.padding();
        Shape stride = new Shape(c.strideH(), c.strideW());
        Shape dilation = new Shape(c.dilationH(), c.dilationW());
        if (p.isSymmetric()) {
            return Conv2d.conv2d(x, weight, bias, stride, new Shape(p.top(), p.left()), dilation, c.groups())
                    .singletonOrThrow();
        }
        // engines only take symmetric padding: pad explicitly, then convolve with none
        NDArray padded = zeroPad(x, p);
        return Conv2d.conv2d(padded, weight, bias, stride, new Shape(0, 0), dilation, c.groups()).singletonOrThrow();
    }

    /**
     * BatchNorm over axis 1. Inference uses the running stats; training uses batch stats and updates the
     * running stats in place. {@code djlMomentum} is the weight of the old running value (1 - PyTorch's).
     */
    static NDArray batchNorm(NDArray x, NDArray gamma, NDArray beta, NDArray mean, NDArray var, double eps,
                             float djlMomentum, boolean training) {
        // PyTorch normalizes axis 1 natively; DJL passes it on as is only when told axis -1, and for axis 1
        // wraps it in two transposes (four more autograd nodes per BN). Other engines read -1 as the last axis.
        int axis = onPyTorch(x) ? -1 : 1;
        return BatchNorm.batchNorm(x, mean, var, gamma, beta, axis, djlMomentum, (float) eps, training)
                .singletonOrThrow();
    }

    /** Per-channel bias a BatchNorm adds in inference: beta - mean * gamma / sqrt(var + eps), shape [C]. */
    static NDArray batchNormBias(NDArray gamma, NDArray beta, NDArray mean, NDArray var, double eps) {
        return beta.sub(mean.mul(gamma).div(var.add(eps).sqrt()));
    }

    /** Multiplies channel c by {@code scale[c]}. */
    static NDArray scale(NDArray x, NDArray scale) {
        return x.mul(perChannel(scale, x));
    }

    /**
     * Average pooling that counts padded zeros (count_include_pad), no ceil mode. The padding is always
     * explicit zeros: DJL 0.35's PyTorch engine ignores the count_include_pad flag and other engines may
     * not agree on it, whereas averaging over real zeros means the same thing everywhere.
     */
    static NDArray avgPool(NDArray x, Op.AvgPool a) {
        Shape kernel = new Shape(a.kernelH(), a.kernelW());
        Shape stride = new Shape(a.strideH(), a.strideW());
        return Pool.avgPool2d(zeroPad(x, a.padding()), kernel, stride, new Shape(0, 0), false, true);
    }

    /**
     * Zero padding per side: PyTorch's pad op (one op; its order is left, right, top, bottom), elsewhere
     * concatenation with zeros, which every engine does the same way.
     */
    static NDArray zeroPad(NDArray x, Padding p) {
        if (p.isZero()) {
            return x;
        }
        if (onPyTorch(x)) {
            return x.pad(new Shape(p.left(), p.right(), p.top(), p.bottom()), 0);
        }
        NDManager m = x.getManager();
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray rows = x;
        if (p.top() > 0 || p.bottom() > 0) {
            NDList parts = new NDList();
            if (p.top() > 0) {
                parts.add(m.zeros(new Shape(n, c, p.top(), w), x.getDataType(), x.getDevice()));
            }
            parts.add(x);
            if (p.bottom() > 0) {
                parts.add(m.zeros(new Shape(n, c, p.bottom(), w), x.getDataType(), x.getDevice()));
            }
            rows = NDArrays.concat(parts, 2);
        }
        if (p.left() == 0 && p.right() == 0) {
            return rows;
        }
        long h2 = h + p.top() + p.bottom();
        NDList parts = new NDList();
        if (p.left() > 0) {
            parts.add(m.zeros(new Shape(n, c, h2, p.left()), x.getDataType(), x.getDevice()));
        }
        parts.add(rows);
        if (p.right() > 0) {
            parts.add(m.zeros(new Shape(n, c, h2, p.right()), x.getDataType(), x.getDevice()));
        }
        return NDArrays.concat(parts, 3);
    }

    /**
     * Pads channel c with {@code bias[c]}: zeroPad(x) + borderMask * bias, with {@code mask} from
     * {@link #borderMask} for the padded size. The mask is 0 inside, so the interior is x + 0, bit-identical
     * to x.
     */
    static NDArray biasPad(NDArray x, Padding p, NDArray bias, NDArray mask) {
        if (p.isZero()) {
            return x;
        }
        // bias first: a product takes the first operand's manager, and the mask's outlives the step
        return zeroPad(x, p).add(perChannel(bias, x).mul(mask));
    }

    /** [1, 1, h, w] with 1 on the padded border and 0 inside. */
    static NDArray borderMask(NDManager m, long h, long w, Padding p, NDArray like) {
        float[] v = new float[Math.toIntExact(h * w)];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean inside = i >= p.top() && i < h - p.bottom() && j >= p.left() && j < w - p.right();
                v[(int) (i * w + j)] = inside ? 0f : 1f;
            }
        }
        return m.create(v, new Shape(1, 1, h, w)).toDevice(like.getDevice(), false).toType(like.getDataType(), false);
    }

    /** Element-wise sum of two or more same-shape tensors. */
    static NDArray add(List<NDArray> xs) {
        NDArray sum = xs.get(0).add(xs.get(1));
        for (int i = 2; i < xs.size(); i++) {
            sum = sum.add(xs.get(i));
        }
        return sum;
    }

    /** Concatenation along channels (axis 1). */
    static NDArray concat(List<NDArray> xs) {
        return NDArrays.concat(new NDList(xs), 1);
    }

    static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    /** max(x, 0) + alpha[c] * min(x, 0). */
    static NDArray prelu(NDArray x, NDArray alpha) {
        return x.maximum(0f).add(x.minimum(0f).mul(perChannel(alpha, x)));
    }

    /** Mean over H and W, kept as [N, C, 1, 1]. */
    static NDArray globalAvgPool(NDArray x) {
        Shape s = x.getShape();
        return Pool.globalAvgPool2d(x).reshape(s.get(0), s.get(1), 1, 1);
    }

    /** [N, C, H, W] to [N, C*H*W] in C, H, W order. */
    static NDArray flatten(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }

    /** x [N, F] times weight [O, F] transposed, plus bias [O] or null. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }

    private static boolean onPyTorch(NDArray x) {
        return EngineNames.isPyTorch(x.getManager().getEngine().getEngineName());
    }

    /** A [C] vector shaped to broadcast over channel axis 1 of {@code like}. */
    private static NDArray perChannel(NDArray v, NDArray like) {
        long c = v.getShape().get(0);
        return like.getShape().dimension() == 4 ? v.reshape(1, c, 1, 1) : v.reshape(1, c);
    }
}
