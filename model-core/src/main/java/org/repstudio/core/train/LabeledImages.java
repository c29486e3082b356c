package org.repstudio.core.train;

import java.util.Arrays;
import java.util.List;

/**
 * One split of an image classification dataset held in memory as 8-bit pixels: {@code count} images of
 * [channels, height, width] in CHW order, one after the other, and one label per image in
 * [0, classNames.size()).
 */
public record LabeledImages(int channels, int height, int width, byte[] pixels, int[] labels,
                            List<String> classNames) {

    public LabeledImages {
        long per = (long) channels * height * width;
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (per * labels.length != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixels for images of "
                    + per + " values");
        }
        classNames = List.copyOf(classNames);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, "
                        + classNames.size() + ")");
            }
        }
    }

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return channels * height * width;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Pixels of image {@code i} as unsigned values 0..255. */
    public int[] image(int i) {
        int n = imageSize();
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = pixels[i * n + k] & 0xff;
        }
        return out;
    }

    /** The first {@code n} images (all when there are fewer). */
    public LabeledImages head(int n) {
        int m = Math.min(n, count());
        return new LabeledImages(channels, height, width, Arrays.copyOf(pixels, m * imageSize()),
                Arrays.copyOf(labels, m), classNames);
    }
}
