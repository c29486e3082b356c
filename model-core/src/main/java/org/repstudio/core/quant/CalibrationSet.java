package org.repstudio.core.quant;

import java.util.ArrayList;
import java.util.List;
import org.repstudio.core.train.ImageData;
import org.repstudio.core.train.LabeledImages;

/**
 * Normalized float32 batches [n, C, H, W] of a dataset's training split, as training feeds them, for
 * measuring activation ranges. {@code sample} is [C, H, W].
 */
public record CalibrationSet(int[] sample, List<float[]> batches, List<Integer> sizes) {

    public CalibrationSet {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("the calibration set is empty: no image to measure activations on");
        }
        batches = List.copyOf(batches);
        sizes = List.copyOf(sizes);
    }

    /**
     * The first {@code batches} x {@code batchSize} training images of {@code data} (fewer if it has fewer).
     *
     * @throws IllegalArgumentException when the training split has no image
     */
    public static CalibrationSet of(ImageData data, int batches, int batchSize) {
        LabeledImages train = data.train();
        if (train.count() == 0) {
            throw new IllegalArgumentException("the calibration set is empty: dataset " + data.name()
                    + " has no training image");
        }
        int size = train.imageSize();
        byte[] pixels = train.pixels();
        List<float[]> out = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int next = 0;
        for (int b = 0; b < batches && next < train.count(); b++) {
            int n = Math.min(batchSize, train.count() - next);
            float[] x = new float[n * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.normalize(pixels[next * size + i]);
            }
            out.add(x);
            sizes.add(n);
            next += n;
        }
        return new CalibrationSet(new int[] {train.channels(), train.height(), train.width()}, out, sizes);
    }

    /**
     * Standard-normal images of {@code sample} [C, H, W]: no data, so the ranges mean nothing for accuracy, but the
     * model's speed does not depend on them (for timing a network whose input no dataset here matches).
     */
    public static CalibrationSet gaussian(int[] sample, int batches, int batchSize, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<float[]> out = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[batchSize * sample[0] * sample[1] * sample[2]];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            out.add(x);
            sizes.add(batchSize);
        }
        return new CalibrationSet(sample.clone(), out, sizes);
    }

    /** The ONNX shape of batch {@code i}. */
    public long[] shape(int i) {
        return new long[] {sizes.get(i), sample[0], sample[1], sample[2]};
    }

    public int images() {
        return sizes.stream().mapToInt(Integer::intValue).sum();
    }
}
