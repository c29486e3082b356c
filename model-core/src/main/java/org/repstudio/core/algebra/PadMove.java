package org.repstudio.core.algebra;


/**
 * Moves padding from a conv's output onto its input: {@code pad_fill(a(x)) = a'(x)}. A padded output
 * pixel must come out as exactly a's bias, so its window must lie wholly in a''s zero padding: with
 * stride s, {@code p} output rows of padding become {@code s*p} input rows, and this is exact when the
 * window of the first padded row does not reach the input (top: {@code extent <= s + padTop}; bottom:
 * the first row past the output starts at or below the input's last row). A 1x1 stride-1 conv always
 * qualifies; so does a strided 1x1 (A35: 1x1 stride 2, bias pad, 3x3 becomes 5x5 stride 2, padding 2
 * top and left, 1 or 2 bottom and right as the input size asks). The fill must equal the bias: right for
 * DBB's BN-and-pad, wrong for zero padding after a biased op.
 */
public final class PadMove {

    private static final double SAME = 1e-12;

    private PadMove() {
    }

    /**
     * {@code fill} holds one value per channel of a's output (zeros for zero padding); {@code inH} and
     * {@code inW} are the size of a's input, which the bottom and right padding depend on when a is strided.
     */
    public static AffineConv padOutput(AffineConv a, Padding pad, double[] fill, int inH, int inW) {
        if (pad.isZero()) {
            return a;
        }
        Side rows = new Side(inH, a.extentH(), a.strideH(), a.padding().top(), a.padding().bottom(), pad.top(),
                pad.bottom());
        Side cols = new Side(inW, a.extentW(), a.strideW(), a.padding().left(), a.padding().right(), pad.left(),
                pad.right());
        String reach = rows.reachesInput("top", "bottom");
        if (reach == null) {
            reach = cols.reachesInput("left", "right");
        }
        if (reach != null) {
            throw new NotExactException(RefusalKind.PADDING_AFTER_SPATIAL_OP, "padding the output of a " + a.kernelH() + "x" + a.kernelW() + " conv"
                    + (a.strideH() > 1 || a.strideW() > 1 ? " with stride " + a.strideH() : "")
                    + " is not the same as padding its input: the " + reach + " border pixels would see real input");
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
        return a.withPadding(new Padding(rows.newBefore(), rows.newAfter(), cols.newBefore(), cols.newAfter()));
    }

    /**
     * One spatial axis: input size, kernel extent, stride, a's padding before and after, and the output
     * padding to move. Sizes in long so that huge designs cannot overflow.
     */
    private record Side(long in, long extent, long stride, long before, long after, long padBefore, long padAfter) {

        long outSize() {
            return (in + before + after - extent) / stride + 1;
        }

        /** Which side, if any, has a padded output pixel whose window reaches real input. */
        String reachesInput(String beforeName, String afterName) {
            if (padBefore > 0 && extent > stride + before) {
                return beforeName;
            }
            if (padAfter > 0 && stride * outSize() - before < in) {
                return afterName;
            }
            return null;
        }

        int newBefore() {
            return Math.toIntExact(before + stride * padBefore);
        }

        /** The least padding after that gives exactly outSize + padBefore + padAfter outputs. */
        int newAfter() {
            return Math.toIntExact(stride * (outSize() + padBefore + padAfter - 1) - in - newBefore() + extent);
        }
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
