package org.repstudio.core.algebra;


/**
 * Moves padding from a conv's output onto its input: {@code pad_fill(a(x)) = a'(x)}. Exact only when
 * {@code a} is 1x1 with stride 1, because then a padded input pixel becomes exactly a's bias, and only
 * when the fill equals that bias: right for DBB's BN-and-pad, wrong for zero padding after a biased op.
 */
public final class PadMove {

    private static final double SAME = 1e-12;

    private PadMove() {
    }

    /** {@code fill} holds one value per channel of a's output (zeros for zero padding). */
    public static AffineConv padOutput(AffineConv a, Padding pad, double[] fill) {
        if (pad.isZero()) {
            return a;
        }
        if (a.kernelH() != 1 || a.kernelW() != 1 || a.strideH() != 1 || a.strideW() != 1) {
            throw new NotExactException(RefusalKind.PADDING_AFTER_SPATIAL_OP, "padding the output of a " + a.kernelH() + "x" + a.kernelW() + " conv"
                    + (a.strideH() > 1 ? " with stride " + a.strideH() : "")
                    + " is not the same as padding its input: the border pixels would see real input");
        }
        double scale = Math.max(1, a.bias().maxAbs());
        for (int c = 0; c < fill.length; c++) {
            if (Math.abs(fill[c] - a.bias().get(c)) > SAME * scale) {
                boolean zeroFill = isZero(fill);
                throw new NotExactException(zeroFill ? RefusalKind.BIASED_ZERO_PADDING
                        : RefusalKind.PADDING_VALUE_DIFFERS, zeroFill
                        ? "zero padding after a biased op changes border pixels (the fused conv would put the"
                        + " bias there, not zero)"
                        : "the padding value of channel " + c + " (" + fill[c] + ") differs from the value the"
                        + " op outputs for a zero input (" + a.bias().get(c) + ")");
            }
        }
        return a.withPadding(a.padding().plus(pad));
    }

    private static boolean isZero(double[] v) {
        for (double d : v) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }
}
