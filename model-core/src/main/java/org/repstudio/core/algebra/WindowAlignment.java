package org.repstudio.core.algebra;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings parallel branches onto one kernel window so their kernels can be added or stacked. Each
 * branch reads input rows {@code y*s - padTop .. y*s - padTop + extent - 1}; the common window is the
 * union of those ranges, and each kernel is placed at its own offset inside it (a centred 1x1 inside a
 * 3x3, ACB's 1xK on the centre row). Zero padding makes this exact whatever the offsets, provided the
 * strides agree and the branches produce the same output grid (checked by shape inference at the
 * Add or Concat that joins them).
 */
public final class WindowAlignment {

    private WindowAlignment() {
    }

    /** The branches re-expressed with one kernel size, padding, stride and dilation. */
    public record Aligned(List<AffineConv> convs, boolean centred) {
    }

    public static Aligned align(List<AffineConv> branches) {
        AffineConv first = branches.get(0);
        for (AffineConv b : branches) {
            if (b.strideH() != first.strideH() || b.strideW() != first.strideW()) {
                throw new NotExactException(RefusalKind.STRIDES_DIFFER, "branches use strides " + first.strideH() + "x" + first.strideW()
                        + " and " + b.strideH() + "x" + b.strideW() + ": their output grids differ");
            }
        }
        if (sameGeometry(branches)) {
            return new Aligned(branches, true);
        }
        List<AffineConv> dense = new ArrayList<>();
        for (AffineConv b : branches) {
            dense.add(Dilation.undilate(b));
        }
        int startH = Integer.MAX_VALUE;
        int startW = Integer.MAX_VALUE;
        int endH = Integer.MIN_VALUE;
        int endW = Integer.MIN_VALUE;
        int slackH = Integer.MAX_VALUE;
        int slackW = Integer.MAX_VALUE;
        for (AffineConv b : dense) {
            Padding p = b.padding();
            startH = Math.min(startH, -p.top());
            startW = Math.min(startW, -p.left());
            int eh = -p.top() + b.kernelH() - 1;
            int ew = -p.left() + b.kernelW() - 1;
            endH = Math.max(endH, eh);
            endW = Math.max(endW, ew);
            slackH = Math.min(slackH, p.bottom() - eh);
            slackW = Math.min(slackW, p.right() - ew);
        }
        int kh = endH - startH + 1;
        int kw = endW - startW + 1;
        Padding common = new Padding(-startH, endH + slackH, -startW, endW + slackW);
        boolean centred = true;
        List<AffineConv> out = new ArrayList<>();
        for (AffineConv b : dense) {
            int top = -b.padding().top() - startH;
            int left = -b.padding().left() - startW;
            centred &= 2 * top == kh - b.kernelH() && 2 * left == kw - b.kernelW();
            out.add(KernelPadding.embed(b, kh, kw, top, left).withPadding(common));
        }
        return new Aligned(out, centred);
    }

    private static boolean sameGeometry(List<AffineConv> branches) {
        AffineConv f = branches.get(0);
        for (AffineConv b : branches) {
            if (b.kernelH() != f.kernelH() || b.kernelW() != f.kernelW() || !b.padding().equals(f.padding())
                    || b.dilationH() != f.dilationH() || b.dilationW() != f.dilationW()) {
                return false;
            }
        }
        return true;
    }
}
