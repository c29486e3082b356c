package org.repstudio.core.train;

/**
 * A dataset ready to train on: a train and a test split of the same image size and classes, and the
 * mean and standard deviation of the training pixels (scaled to [0, 1]) that inputs are normalized with.
 */
public record ImageData(String name, LabeledImages train, LabeledImages test, double mean, double std) {

    public ImageData {
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException(name + ": train and test images differ in size");
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException(name + ": train and test splits have different classes");
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new IllegalArgumentException(name + ": a split has no images (train " + train.count() + ", test "
                    + test.count() + ")");
        }
    }

    /** Builds the record, measuring the normalization statistics on the training split. */
    public static ImageData of(String name, LabeledImages train, LabeledImages test) {
        double sum = 0;
        double sq = 0;
        byte[] p = train.pixels();
        for (byte b : p) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            sq += v * v;
        }
        double mean = sum / p.length;
        double std = Math.sqrt(Math.max(sq / p.length - mean * mean, 1e-6));
        return new ImageData(name, train, test, mean, std);
    }

    /** Both splits cut to at most the given sizes (for quick runs and tests). */
    public ImageData limit(int maxTrain, int maxTest) {
        return new ImageData(name, train.head(maxTrain), test.head(maxTest), mean, std);
    }

    public int numClasses() {
        return train.numClasses();
    }

    /** Normalized float value of one 8-bit pixel. */
    public float normalize(byte pixel) {
        return (float) (((pixel & 0xff) / 255.0 - mean) / std);
    }
}
