package org.repstudio.core.train;

import java.util.ArrayList;
import java.util.List;

/** A few samples of a split with their labels, for a preview strip in the UI. */
public final class DatasetPreview {

    /** One image: pixels 0..255 in CHW order, its size and its class name. */
    public record Sample(int index, int channels, int height, int width, int[] pixels, int label, String className) {
    }

    private DatasetPreview() {
    }

    /** The first {@code n} images of {@code split} (fewer when the split is smaller). */
    public static List<Sample> of(LabeledImages split, int n) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, split.count()); i++) {
            int label = split.labels()[i];
            out.add(new Sample(i, split.channels(), split.height(), split.width(), split.image(i), label,
                    split.classNames().get(label)));
        }
        return out;
    }
}
