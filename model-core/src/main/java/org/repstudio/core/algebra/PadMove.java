package org.repstudio.core.algebra;

import org.repstudio.core.graph.Padding;

/**
 * Moves padding from a conv's output onto its input: {@code pad(a(x)) = a'(x)}. Exact only when
 * {@code a} is pointwise (1x1, stride 1, unpadded), because then a padded input pixel becomes exactly
 * a's bias: right for bias padding (DBB's BN-and-pad), and right for zero padding only when the bias
 * is zero.
 */
public final class PadMove {

    private PadMove() {
    }

    public static AffineConv padOutput(AffineConv a, Padding pad, boolean biasPadding) {
        if (pad.isZero()) {
            return a;
        }
        if (!a.isPointwise()) {
            throw new NotExactException("padding the output of a " + a.kernelH() + "x" + a.kernelW() + " conv"
                    + (a.strideH() > 1 ? " with stride " + a.strideH() : "")
                    + " is not the same as padding its input: the border pixels would see real input");
        }
        if (!biasPadding && !a.bias().isAllZero()) {
            throw new NotExactException("zero padding after a biased op changes border pixels (they would hold"
                    + " the bias, not zero)");
        }
        return a.withPadding(a.padding().plus(pad));
    }
}
