package org.repstudio.core.algebra;

/**
 * Rewrites a grouped conv with coarser grouping (fewer groups) by filling zeros outside each original
 * group's block; exact because the added taps are zero. The target must divide the current groups.
 */
public final class GroupExpansion {

    private GroupExpansion() {
    }

    public static AffineConv expand(AffineConv c, int targetGroups) {
        int g = c.groups();
        if (targetGroups == g) {
            return c;
        }
        if (targetGroups <= 0 || g % targetGroups != 0) {
            throw new IllegalArgumentException("cannot regroup " + g + " groups as " + targetGroups);
        }
        int out = c.outChannels();
        int in = c.inChannels();
        int cpgOld = in / g;
        int opgOld = out / g;
        int cpgNew = in / targetGroups;
        int opgNew = out / targetGroups;
        int khw = c.kernelH() * c.kernelW();
        Tensor w = Tensor.zeros(out, cpgNew, c.kernelH(), c.kernelW());
        double[] src = c.weight().data();
        double[] dst = w.data();
        for (int o = 0; o < out; o++) {
            int oldGroup = o / opgOld;
            int firstIn = oldGroup * cpgOld; // absolute input channel of the old group's first tap
            int newGroupFirstIn = (o / opgNew) * cpgNew;
            for (int ci = 0; ci < cpgOld; ci++) {
                int local = firstIn + ci - newGroupFirstIn;
                System.arraycopy(src, (o * cpgOld + ci) * khw, dst, (o * cpgNew + local) * khw, khw);
            }
        }
        return new AffineConv(w, c.bias(), c.strideH(), c.strideW(), c.padding(), c.dilationH(), c.dilationW(),
                targetGroups);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
