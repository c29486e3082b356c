package org.repstudio.app.editor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repstudio.core.graph.Op;
import org.repstudio.core.graph.ParamSpecs;
import org.repstudio.core.graph.TensorShape;

/**
 * Parameter count and FLOPs of one node, per sample. FLOPs count a multiply-add as two operations
 * (conv: 2 x out elements x in/groups x kH x kW, plus one per element for a bias); BN and scale one
 * multiply-add per element; pooling one add per window tap; sums one add per element and extra input;
 * ReLU one per element. Reshapes, inputs and outputs cost nothing.
 */
public final class Costs {

    private Costs() {
    }

    /** Number of learned scalars of {@code op} given its first input's shape. */
    public static long params(Op op, TensorShape input) {
        if (input == null) {
            return 0;
        }
        long n = 0;
        for (int[] shape : ParamSpecs.of(op, input).values()) {
            long s = 1;
            for (int d : shape) {
                s *= d;
            }
            n += s;
        }
        return n;
    }

    /** Floating-point operations for one sample; 0 when a shape is unknown. */
    public static long flops(Op op, List<TensorShape> inputs, TensorShape out) {
        if (out == null || (inputs.isEmpty() && !(op instanceof Op.Input))) {
            return 0;
        }
        for (TensorShape s : inputs) {
            if (s == null) {
                return 0;
            }
        }
        long elements = out.size();
        if (op instanceof Op.Conv c) {
            long perOut = (long) (inputs.get(0).channels() / Math.max(1, c.groups())) * c.kernelH() * c.kernelW();
            return 2 * elements * perOut + (c.bias() ? elements : 0);
        }
        if (op instanceof Op.Linear l) {
            return 2L * l.outFeatures() * inputs.get(0).channels() + (l.bias() ? l.outFeatures() : 0);
        }
        if (op instanceof Op.BatchNorm || op instanceof Op.Scale) {
            return 2 * elements;
        }
        if (op instanceof Op.AvgPool p) {
            return elements * p.kernelH() * p.kernelW();
        }
        if (op instanceof Op.GlobalAvgPool) {
            return inputs.get(0).size();
        }
        if (op instanceof Op.Add) {
            return elements * (inputs.size() - 1);
        }
        if (op instanceof Op.Relu || op instanceof Op.PRelu) {
            return elements;
        }
        return 0;
    }

    /** "0", "950", "12.3 K", "4.56 M", "1.20 G". */
    public static String human(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return fixed(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) + " " + units[u];
    }

    /**
     * What {@code String.format("%.<decimals>f", v)} gives (half-up on the shortest decimal form, the
     * locale's decimal separator) without a Formatter: every box on the canvas shows two of these, and a
     * Formatter parses its pattern on each call, which showed in the editor's first open.
     */
    static String fixed(double v, int decimals) {
        String s = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        char sep = DecimalFormatSymbols.getInstance(Locale.getDefault(Locale.Category.FORMAT)).getDecimalSeparator();
        return sep == '.' ? s : s.replace('.', sep);
    }
}
