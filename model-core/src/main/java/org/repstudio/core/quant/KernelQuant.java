package org.repstudio.core.quant;

import org.repstudio.core.algebra.Tensor;

/**
 * Symmetric INT8 quantization of a conv kernel [O, C/g, kH, kW]: one scale for the whole tensor, or one per
 * output channel (axis 0, as QLinearConv takes them).
 */
public final class KernelQuant {

    private KernelQuant() {
    }

    /** Entries per output channel. */
    public static int perChannelSize(Tensor w) {
        return w.size() / w.dim(0);
    }

    /** max |w| of each output channel. */
    public static double[] channelMaxAbs(Tensor w) {
        int o = w.dim(0);
        int n = perChannelSize(w);
        double[] m = new double[o];
        double[] d = w.data();
        for (int c = 0; c < o; c++) {
            for (int i = c * n; i < (c + 1) * n; i++) {
                m[c] = Math.max(m[c], Math.abs(d[i]));
            }
        }
        return m;
    }

    /** One symmetric quantizer per output channel. */
    public static QuantParams[] perChannel(Tensor w) {
        double[] m = channelMaxAbs(w);
        QuantParams[] q = new QuantParams[m.length];
        for (int c = 0; c < m.length; c++) {
            q[c] = QuantParams.symmetricInt8(m[c]);
        }
        return q;
    }

    /** The same symmetric quantizer for every channel (the per-tensor scheme). */
    public static QuantParams[] perTensor(Tensor w) {
        QuantParams q = QuantParams.symmetricInt8(w.maxAbs());
        QuantParams[] all = new QuantParams[w.dim(0)];
        java.util.Arrays.fill(all, q);
        return all;
    }

    /** The INT8 values of w under one quantizer per output channel. */
    public static int[] quantize(Tensor w, QuantParams[] perChannel) {
        int n = perChannelSize(w);
        int[] q = new int[w.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = perChannel[i / n].quantize(w.get(i));
        }
        return q;
    }

    /** w after quantize-dequantize with one quantizer per output channel. */
    public static Tensor roundTrip(Tensor w, QuantParams[] perChannel) {
        int n = perChannelSize(w);
        double[] d = new double[w.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = perChannel[i / n].roundTrip(w.get(i));
        }
        return new Tensor(w.shape(), d);
    }

    /** Relative round-trip error of each output channel: ||w_c - q(w_c)|| / ||w_c|| (0 for an all-zero channel). */
    public static double[] channelRelativeError(Tensor w, Tensor roundTripped) {
        int o = w.dim(0);
        int n = perChannelSize(w);
        double[] e = new double[o];
        for (int c = 0; c < o; c++) {
            double num = 0;
            double den = 0;
            for (int i = c * n; i < (c + 1) * n; i++) {
                double diff = w.get(i) - roundTripped.get(i);
                num += diff * diff;
                den += w.get(i) * w.get(i);
            }
            e[c] = den > 0 ? Math.sqrt(num / den) : 0;
        }
        return e;
    }

    /** Relative round-trip error of the whole tensor: ||w - q(w)|| / ||w||. */
    public static double relativeError(Tensor w, Tensor roundTripped) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.size(); i++) {
            double diff = w.get(i) - roundTripped.get(i);
            num += diff * diff;
            den += w.get(i) * w.get(i);
        }
        return den > 0 ? Math.sqrt(num / den) : 0;
    }
}
