package org.repstudio.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Turns 8-bit images into normalized float32 batches [n, C, H, W] and labels [n], and draws the seeded
 * shuffle of each epoch, so the order of batches depends only on the seed.
 */
final class Batches {

    private final ImageData data;
    private final float[] lookup = new float[256];

    Batches(ImageData data) {
        this.data = data;
        for (int v = 0; v < 256; v++) {
            lookup[v] = data.normalize((byte) v);
        }
    }

    /** Images {@code order[from..from+n)} of {@code split} as a float32 array in {@code manager}. */
    NDArray images(NDManager manager, LabeledImages split, int[] order, int from, int n) {
        int size = split.imageSize();
        float[] x = new float[n * size];
        byte[] p = split.pixels();
        for (int i = 0; i < n; i++) {
            int src = order[from + i] * size;
            for (int k = 0; k < size; k++) {
                x[i * size + k] = lookup[p[src + k] & 0xff];
            }
        }
        return manager.create(x, new Shape(n, split.channels(), split.height(), split.width()));
    }

    /** Labels of the same images as float32 [n] (DJL's sparse softmax cross-entropy takes them so). */
    NDArray labels(NDManager manager, LabeledImages split, int[] order, int from, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = split.labels()[order[from + i]];
        }
        return manager.create(y);
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
