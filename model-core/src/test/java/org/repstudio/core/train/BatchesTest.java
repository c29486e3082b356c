package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Batches share one native buffer from batch to batch, and DJL's PyTorch engine uses that buffer as the
 * tensor's memory: a batch still open must keep its values when the next one is made, and a closed one's
 * buffer is taken again.
 */
class BatchesTest {

    private static final ImageData DATA = GeneratedShapes.generate(5, 96, 32);

    @Test
    void anOpenBatchKeepsItsValuesWhenTheNextOneIsMade() {
        Batches batches = new Batches(DATA);
        int[] order = Batches.identity(DATA.train().count());
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray first = batches.images(m, DATA.train(), order, 0, 32);
            float[] firstValues = first.toFloatArray();
            NDArray second = batches.images(m, DATA.train(), order, 32, 32);
            assertArrayEquals(firstValues, first.toFloatArray(), "the first batch was overwritten by the second");
            assertArrayEquals(expected(32, 32), second.toFloatArray());
            assertArrayEquals(expected(0, 32), firstValues);
        }
    }

    @Test
    void aClosedBatchsBufferIsWrittenAgainWithTheNextImages() {
        Batches batches = new Batches(DATA);
        int[] order = Batches.shuffled(DATA.train().count(), 11);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int from = 0; from + 32 <= DATA.train().count(); from += 32) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = batches.images(step, DATA.train(), order, from, 32);
                    assertEquals(32, x.getShape().get(0));
                    float[] want = new float[32 * DATA.train().imageSize()];
                    for (int i = 0; i < 32; i++) {
                        System.arraycopy(image(order[from + i]), 0, want, i * image(0).length, image(0).length);
                    }
                    assertArrayEquals(want, x.toFloatArray(), "batch from " + from);
                }
            }
            // a smaller last batch fits the kept buffer
            try (NDManager step = m.newSubManager()) {
                assertEquals(5, batches.images(step, DATA.train(), order, 0, 5).getShape().get(0));
            }
        }
    }

    private static float[] expected(int from, int n) {
        int size = DATA.train().imageSize();
        float[] out = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(image(from + i), 0, out, i * size, size);
        }
        return out;
    }

    private static float[] image(int index) {
        int[] pixels = DATA.train().image(index);
        float[] out = new float[pixels.length];
        for (int k = 0; k < pixels.length; k++) {
            out[k] = DATA.normalize((byte) pixels[k]);
        }
        return out;
    }
}
