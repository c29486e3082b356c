package org.repstudio.core.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.repstudio.core.algebra.Padding;

/** The conv matrix written from the kernel equals the one read off by running the conv on an identity batch. */
class ConvMatrixTest {

    @Property(tries = 150)
    void matrixFromTheKernelEqualsTheIdentityBatch(@ForAll @IntRange(min = 1, max = 4) int k,
                                                   @ForAll @IntRange(min = 1, max = 2) int stride,
                                                   @ForAll @IntRange(min = 1, max = 2) int dilation,
                                                   @ForAll @IntRange(min = 0, max = 2) int padTop,
                                                   @ForAll @IntRange(min = 0, max = 2) int padRight,
                                                   @ForAll @IntRange(min = 1, max = 2) int groups,
                                                   @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random rnd = new Random(seed);
        int c = 2 * groups;
        int h = 8 + rnd.nextInt(3);
        int w = 7 + rnd.nextInt(3);
        AffineConv conv = Convs.conv(rnd, c, 2 * groups, k, k, stride, new Padding(padTop, 1, 0, padRight), dilation,
                groups);
        int f = c * h * w;
        Tensor identity = Tensor.zeros(f, c, h, w);
        for (int i = 0; i < f; i++) {
            identity.data()[i * f + i] = 1;
        }
        Tensor y = ConvApply.apply(conv.withWeight(conv.weight(), Tensor.zeros(conv.outChannels())), identity);
        int out = y.size() / f;
        double[] expected = new double[out * f];
        for (int i = 0; i < f; i++) {
            for (int o = 0; o < out; o++) {
                expected[o * f + i] = y.data()[i * out + o];
            }
        }
        double[] actual = new double[out * f];
        ConvMatrix.addTo(conv, h, w, actual);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-15, "entry " + i);
        }
    }
}
