package org.repstudio.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Turns 8-bit images into normalized float32 batches [n, C, H, W] with their labels, and draws the seeded
 * shuffle of each epoch, so the order of batches depends only on the seed.
 *
 * <p>A batch is written into one native buffer kept from batch to batch. DJL's PyTorch engine wraps a direct
 * buffer as the tensor's memory without copying, and a fresh buffer per batch cost a zeroed allocation that
 * only the garbage collector frees (a quarter of a megabyte per step for 32x32 batches of 64, new pages every
 * step). The buffer is written again only once the array made from the last batch has been closed, which
 * the training step and the evaluation do at the end of each batch; otherwise a new buffer is taken.
 */
final class Batches {

    private final ImageData data;
    private final float[] lookup = new float[256];
    private float[] pixels = new float[0];
    private ByteBuffer staging = ByteBuffer.allocateDirect(0);
    private NDArray lastBatch;

    Batches(ImageData data) {
        this.data = data;
        for (int v = 0; v < 256; v++) {
            lookup[v] = data.normalize((byte) v);
        }
    }

    /** Images {@code order[from..from+n)} of {@code split} as a float32 array in {@code manager}. */
    NDArray images(NDManager manager, LabeledImages split, int[] order, int from, int n) {
        int size = split.imageSize();
        int count = n * size;
        if (pixels.length < count) {
            pixels = new float[count];
        }
        float[] x = pixels;
        byte[] p = split.pixels();
        for (int i = 0; i < n; i++) {
            int src = order[from + i] * size;
            for (int k = 0; k < size; k++) {
                x[i * size + k] = lookup[p[src + k] & 0xff];
            }
        }
        ByteBuffer buffer = staging(count * Float.BYTES);
        buffer.asFloatBuffer().put(x, 0, count);
        lastBatch = manager.create(buffer, new Shape(n, split.channels(), split.height(), split.width()),
                DataType.FLOAT32);
        return lastBatch;
    }

    /** The kept buffer, limited to {@code bytes}, or a new one while the last batch's array is still open. */
    private ByteBuffer staging(int bytes) {
        boolean free = lastBatch == null || lastBatch.isReleased();
        if (!free || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        staging.clear().limit(bytes);
        return staging;
    }

    int[] labelsOf(LabeledImages split, int[] order, int from, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = split.labels()[order[from + i]];
        }
        return y;
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    /** A Fisher-Yates shuffle of 0..n-1 from {@code seed}. */
    static int[] shuffled(int n, long seed) {
        int[] o = identity(n);
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    ImageData data() {
        return data;
    }
}
