package org.repstudio.core.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each transform against the direct float64 convolution of the unfused ops: error <= 1e-12. */
class TransformsTest {

    private static final double TOL = 1e-12;
    private final Random rnd = new Random(7);

    private static void close(Tensor expected, Tensor actual) {
        double err = Tensor.maxAbsDiff(expected, actual);
        assertTrue(err <= TOL * Math.max(1, expected.maxAbs()), "max abs diff " + err);
    }

    @Test
    void bnFoldMatchesConvThenBn() {
        AffineConv c = Convs.conv(rnd, 4, 6, 3, 3, 1, Padding.of(1), 1, 2);
        Tensor g = Convs.random(rnd, 6);
        Tensor b = Convs.random(rnd, 6);
        Tensor m = Convs.random(rnd, 6);
        Tensor v = Tensor.filled(1.7, 6);
        Tensor x = Convs.random(rnd, 2, 4, 7, 7);
        double[][] st = PerChannel.ofBatchNorm(g, b, m, v, 1e-5);
        Tensor expected = ConvApply.apply(PerChannel.asConv(st[0], st[1]), ConvApply.apply(c, x));
        close(expected, ConvApply.apply(BnFold.fold(c, g, b, m, v, 1e-5), x));
    }

    @Test
    void diracIsIdentityForAnySizeAndGrouping() {
        Tensor x = Convs.random(rnd, 1, 6, 5, 5);
        for (int k : new int[] {1, 3, 5, 7}) {
            for (int groups : new int[] {1, 2, 3, 6}) {
                close(x, ConvApply.apply(Dirac.identity(6, groups, k, k), x));
            }
        }
        assertThrows(NotExactException.class, () -> Dirac.identity(4, 1, 2, 2));
    }

    @Test
    void embeddedAndRegroupedKernelsKeepTheirOutput() {
        AffineConv c = Convs.conv(rnd, 6, 6, 1, 3, 2, new Padding(0, 0, 1, 1), 1, 3);
        Tensor x = Convs.random(rnd, 1, 6, 8, 9);
        Tensor y = ConvApply.apply(c, x);
        close(y, ConvApply.apply(KernelPadding.centre(c, 3, 3), x));
        close(y, ConvApply.apply(GroupExpansion.expand(c, 1), x));
        AffineConv dil = Convs.conv(rnd, 6, 6, 3, 3, 1, Padding.of(2), 2, 1);
        close(ConvApply.apply(dil, x), ConvApply.apply(Dilation.undilate(dil), x));
    }

    @Test
    void sumOfAsymmetricBranchesIsExact() {
        Padding p = Padding.of(2);
        AffineConv square = Convs.conv(rnd, 4, 4, 5, 5, 2, p, 1, 1);
        AffineConv row = Convs.conv(rnd, 4, 4, 1, 5, 2, new Padding(0, 0, 2, 2), 1, 1);
        AffineConv col = Convs.conv(rnd, 4, 4, 5, 1, 2, new Padding(2, 2, 0, 0), 1, 2);
        AffineConv point = Convs.conv(rnd, 4, 4, 1, 1, 2, Padding.NONE, 1, 4);
        Tensor x = Convs.random(rnd, 2, 4, 9, 10);
        Tensor expected = Convs.add(Convs.add(ConvApply.apply(square, x), ConvApply.apply(row, x)),
                Convs.add(ConvApply.apply(col, x), ConvApply.apply(point, x)));
        close(expected, ConvApply.apply(BranchSum.sum(List.of(square, row, col, point)), x));
    }

    @Test
    void sumRefusesDifferentStrides() {
        AffineConv a = Convs.conv(rnd, 4, 4, 3, 3, 1, Padding.of(1), 1, 1);
        AffineConv b = Convs.conv(rnd, 4, 4, 3, 3, 2, Padding.of(1), 1, 1);
        assertThrows(NotExactException.class, () -> BranchSum.sum(List.of(a, b)));
    }

    @Test
    void composeOfSpatialConvsIsExactWithoutInnerPadding() {
        AffineConv a = Convs.conv(rnd, 4, 6, 3, 3, 2, Padding.of(1), 1, 2);
        AffineConv b = Convs.conv(rnd, 6, 4, 3, 3, 1, Padding.NONE, 1, 1);
        Tensor x = Convs.random(rnd, 1, 4, 13, 12);
        close(ConvApply.apply(b, ConvApply.apply(a, x)), ConvApply.apply(SequentialCompose.compose(a, b), x));
    }

    @Test
    void composeWithBiasPaddingIsExact() {
        AffineConv a = Convs.conv(rnd, 4, 6, 1, 1, 1, Padding.NONE, 1, 2);
        AffineConv b = Convs.conv(rnd, 6, 5, 3, 3, 2, Padding.NONE, 1, 1);
        Padding p = Padding.of(1);
        Tensor x = Convs.random(rnd, 1, 4, 8, 8);
        Tensor expected = ConvApply.apply(b, Convs.pad(ConvApply.apply(a, x), p, a.bias().data()));
        close(expected, ConvApply.apply(SequentialCompose.compose(PadMove.padOutput(a, p, a.bias().data(), 8, 8), b), x));
        assertThrows(NotExactException.class, () -> PadMove.padOutput(a, p, new double[6], 8, 8));
    }

    @Test
    void avgPoolAsConvAndConcat() {
        AffineConv pool = AvgPoolKernel.asConv(4, 3, 3, 1, 1, Padding.of(1));
        AffineConv c1 = Convs.conv(rnd, 4, 3, 1, 1, 1, Padding.NONE, 1, 1);
        AffineConv c3 = Convs.conv(rnd, 4, 2, 3, 3, 1, Padding.of(1), 1, 1);
        Tensor x = Convs.random(rnd, 1, 4, 6, 6);
        Tensor pooled = ConvApply.apply(pool, x);
        assertEquals(x.data()[0 + 7] / 9 * 0 + pooled.data()[7], pooled.data()[7]);
        AffineConv poolThen1x1 = SequentialCompose.compose(pool, c1);
        close(ConvApply.apply(c1, pooled), ConvApply.apply(poolThen1x1, x));
        AffineConv cat = DepthConcat.concat(List.of(c1, c3, poolThen1x1));
        Tensor y = ConvApply.apply(cat, x);
        assertEquals(8, y.dim(1));
        Tensor y3 = ConvApply.apply(c3, x);
        for (int i = 0; i < y3.size(); i++) {
            assertEquals(y3.data()[i], y.data()[3 * 36 + i], 1e-12);
        }
    }
}
