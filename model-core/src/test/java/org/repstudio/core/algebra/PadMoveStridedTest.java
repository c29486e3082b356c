package org.repstudio.core.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Padding;

/**
 * Padding moved through a strided producer (A35): exact whenever the padded pixels' windows stay in
 * the zero padding, and when the move is refused, the naive move really is wrong at the border.
 */
class PadMoveStridedTest {

    @Test
    void a35OneByOneStrideTwoThenBiasPadThenThreeByThreeIsOneFiveByFive() {
        Random rnd = new Random(35);
        AffineConv a = Convs.conv(rnd, 4, 6, 1, 1, 2, Padding.NONE, 1, 1);
        AffineConv b = Convs.conv(rnd, 6, 5, 3, 3, 1, Padding.NONE, 1, 1);
        for (int size : new int[] {8, 7}) {
            Tensor x = Convs.random(rnd, 1, 4, size, size);
            Tensor expected = ConvApply.apply(b, Convs.pad(ConvApply.apply(a, x), Padding.of(1), a.bias().data()));
            AffineConv fused = SequentialCompose.compose(PadMove.padOutput(a, Padding.of(1), a.bias().data(), size,
                    size), b);
            assertEquals(5, fused.kernelH());
            assertEquals(2, fused.strideH());
            assertEquals(new Padding(2, size % 2 == 0 ? 1 : 2, 2, size % 2 == 0 ? 1 : 2), fused.padding());
            assertTrue(Tensor.maxAbsDiff(expected, ConvApply.apply(fused, x)) < 1e-12);
        }
    }

    /** Any producer (kernel, stride, padding) and any output padding: moved exactly, or refused for a reason. */
    @Property(tries = 300)
    void movedPaddingIsExactOrTheNaiveMoveIsWrong(@ForAll @IntRange(min = 1, max = 4) int k,
                                                   @ForAll @IntRange(min = 1, max = 3) int stride,
                                                   @ForAll @IntRange(min = 0, max = 2) int padTop,
                                                   @ForAll @IntRange(min = 0, max = 2) int padBottom,
                                                   @ForAll @IntRange(min = 0, max = 2) int outPadBefore,
                                                   @ForAll @IntRange(min = 0, max = 2) int outPadAfter,
                                                   @ForAll @IntRange(min = 5, max = 11) int size,
                                                   @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        AffineConv a = Convs.conv(rnd, 3, 4, k, k, stride, new Padding(padTop, padBottom, padTop, padBottom), 1, 1);
        Padding out = new Padding(outPadBefore, outPadAfter, outPadAfter, outPadBefore);
        Tensor x = Convs.random(rnd, 1, 3, size, size + 1);
        Tensor expected = Convs.pad(ConvApply.apply(a, x), out, a.bias().data());
        AffineConv moved;
        try {
            moved = PadMove.padOutput(a, out, a.bias().data(), size, size + 1);
        } catch (NotExactException e) {
            Tensor naive = ConvApply.apply(a.withPadding(a.padding().plus(new Padding(outPadBefore * stride,
                    outPadAfter * stride, outPadAfter * stride, outPadBefore * stride))), x);
            assertTrue(!naive.sameShape(expected) || Tensor.maxAbsDiff(expected, naive) > 1e-9, e.getMessage());
            return;
        }
        Tensor actual = ConvApply.apply(moved, x);
        assertTrue(actual.sameShape(expected), "shape");
        assertTrue(Tensor.maxAbsDiff(expected, actual) < 1e-12);
    }
}
