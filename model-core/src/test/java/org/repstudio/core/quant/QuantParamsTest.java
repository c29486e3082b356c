package org.repstudio.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.repstudio.core.algebra.Tensor;

/** The INT8 arithmetic against values worked out by hand. */
class QuantParamsTest {

    @Test
    void symmetricScaleIsMaxAbsOver127AndRoundsHalfToEven() {
        QuantParams q = QuantParams.symmetricInt8(127); // scale exactly 1
        assertEquals(1f, q.scale());
        assertEquals(0, q.zeroPoint());
        assertEquals(0, q.quantize(0.5));   // half to even: 0, not 1
        assertEquals(2, q.quantize(1.5));
        assertEquals(2, q.quantize(2.5));   // not 3
        assertEquals(0, q.quantize(-0.5));
        assertEquals(-2, q.quantize(-1.5));
        assertEquals(-2, q.quantize(-2.5));
        assertEquals(3, q.quantize(2.6));
    }

    @Test
    void saturatesAtTheSymmetricLimits() {
        QuantParams q = QuantParams.symmetricInt8(127);
        assertEquals(127, q.quantize(200));
        assertEquals(-127, q.quantize(-200)); // -128 stays unused
        assertEquals(127.0, q.roundTrip(1e9));
    }

    @Test
    void allZeroTensorGetsScaleOne() {
        assertEquals(1f, QuantParams.symmetricInt8(0).scale());
    }

    @Test
    void asymmetricUint8HoldsZeroExactly() {
        QuantParams q = QuantParams.asymmetricUint8(-1, 3);
        assertEquals((float) (4.0 / 255), q.scale());
        assertEquals(64, q.zeroPoint()); // rint(1 / (4/255)) = rint(63.75)
        assertEquals(0.0, q.roundTrip(0.0));
        assertEquals(255, q.quantize(3));
        assertEquals(255, q.quantize(10));  // saturates high
        assertEquals(0, q.quantize(-5));    // saturates low
        assertEquals(0, q.quantize(-1));
    }

    @Test
    void asymmetricRangeIsWidenedToHoldZero() {
        QuantParams q = QuantParams.asymmetricUint8(2, 5); // as after a ReLU: [0, 5]
        assertEquals(0, q.zeroPoint());
        assertEquals((float) (5.0 / 255), q.scale());
    }

    @Test
    void int32BiasScaleIsInputTimesWeightScale() {
        QuantParams b = QuantParams.int32Bias(0.5, 0.25);
        assertEquals(0.125f, b.scale());
        assertEquals(0, b.zeroPoint());
        assertEquals(8, b.quantize(1.0));
    }

    @Test
    void rejectsNonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> new QuantParams(0f, 0, -127, 127));
        assertThrows(IllegalArgumentException.class, () -> new QuantParams(1f, 300, 0, 255));
    }

    @Test
    void perChannelScalesFollowEachChannelsRange() {
        // powers of two keep the float32 scales exact: channel 0 max 127 (scale 1), channel 1 max 31.75 (scale 1/4)
        Tensor w = Tensor.of(new int[] {2, 1, 1, 2}, 63.5, -127, 31.75, 10.125);
        QuantParams[] pc = KernelQuant.perChannel(w);
        assertEquals(1f, pc[0].scale());
        assertEquals(0.25f, pc[1].scale());
        assertArrayEquals(new int[] {64, -127, 127, 40}, KernelQuant.quantize(w, pc)); // 63.5 -> 64, 40.5 -> 40
        // one per-tensor scale 1: channel 1 keeps only 32 and 10 steps
        assertArrayEquals(new int[] {64, -127, 32, 10}, KernelQuant.quantize(w, KernelQuant.perTensor(w)));
        double[] err = KernelQuant.channelRelativeError(w, KernelQuant.roundTrip(w, KernelQuant.perTensor(w)));
        assertEquals(Math.hypot(0.25, 0.125) / Math.hypot(31.75, 10.125), err[1], 1e-15);
        assertEquals(Math.hypot(0.5, 0) / Math.hypot(63.5, 127), err[0], 1e-15);
        double[] own = KernelQuant.channelRelativeError(w, KernelQuant.roundTrip(w, pc));
        assertEquals(0.125 / Math.hypot(31.75, 10.125), own[1], 1e-15);
    }
}
