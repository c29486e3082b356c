package org.repstudio.core.train;

import java.util.List;
import java.util.Random;

/**
 * The built-in dataset: grey 32x32 images of procedurally drawn patterns in eight classes, generated
 * from a seed (no download, same images on every machine). Four classes are striped patches that differ
 * only in orientation (0, 45, 90, 135 degrees, each jittered), so a net must see oriented spatial structure,
 * not just brightness; the others are a ring, a square outline, a plus and a cross. Every image has a random
 * position, size, stripe period, contrast, background gradient and Gaussian noise, which keeps the task
 * from being solved in a few batches while a small conv net still learns it within one epoch.
 */
public final class GeneratedShapes {

    public static final int SIDE = 32;
    public static final List<String> CLASSES = List.of("stripes 0", "stripes 45", "stripes 90", "stripes 135",
            "ring", "square", "plus", "cross");
    /** Defaults: small enough for one epoch in well under a minute on two CPU cores. */
    public static final int DEFAULT_TRAIN = 8000;
    public static final int DEFAULT_TEST = 2000;

    private static final double JITTER = Math.toRadians(12);
    private static final double NOISE = 0.22;

    private GeneratedShapes() {
    }

    public static ImageData generate(long seed) {
        return generate(seed, DEFAULT_TRAIN, DEFAULT_TEST);
    }

    /** Train and test splits from disjoint seeds; labels cycle through the classes so splits are balanced. */
    public static ImageData generate(long seed, int trainCount, int testCount) {
        return ImageData.of("builtin", split(seed * 2 + 1, trainCount), split(seed * 2 + 2, testCount));
    }

    static LabeledImages split(long seed, int count) {
        int per = SIDE * SIDE;
        byte[] pixels = new byte[count * per];
        int[] labels = new int[count];
        Random order = new Random(seed);
        for (int i = 0; i < count; i++) {
            labels[i] = i % CLASSES.size();
        }
        for (int i = count - 1; i > 0; i--) { // shuffle so a prefix is still balanced-ish and unordered
            int j = order.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        for (int i = 0; i < count; i++) {
            // one generator per image: image i is the same whatever the split size
            double[] img = draw(labels[i], new Random(seed * 1_000_003L + i));
            for (int k = 0; k < per; k++) {
                pixels[i * per + k] = (byte) Math.max(0, Math.min(255, Math.round(img[k] * 255)));
            }
        }
        return new LabeledImages(1, SIDE, SIDE, pixels, labels, CLASSES);
    }

    /** One image of class {@code label}, values roughly in [0, 1]. */
    static double[] draw(int label, Random r) {
        double cx = 10 + 12 * r.nextDouble();
        double cy = 10 + 12 * r.nextDouble();
        double size = 6 + 5 * r.nextDouble();
        double angle = (r.nextDouble() * 2 - 1) * JITTER;
        double contrast = 0.35 + 0.45 * r.nextDouble();
        double base = 0.2 + 0.3 * r.nextDouble();
        double gx = (r.nextDouble() - 0.5) * 0.012;
        double gy = (r.nextDouble() - 0.5) * 0.012;
        double period = 3.5 + 3 * r.nextDouble();
        double phase = r.nextDouble() * 2 * Math.PI;
        double thick = 1.2 + 1.3 * r.nextDouble();
        double[] img = new double[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double v = switch (label) {
                    case 0, 1, 2, 3 -> stripes(dx, dy, Math.toRadians(45 * label) + angle, period, phase, size);
                    case 4 -> band(Math.abs(Math.hypot(dx, dy) - size), thick);
                    case 5 -> square(dx, dy, angle, size, thick);
                    case 6 -> plus(dx, dy, angle, size, thick);
                    default -> plus(dx, dy, Math.toRadians(45) + angle, size, thick);
                };
                img[y * SIDE + x] = base + gx * dx + gy * dy + contrast * v + NOISE * r.nextGaussian();
            }
        }
        return img;
    }

    /** A sinusoidal grating across direction {@code theta}, inside a soft disk of radius {@code size}. */
    private static double stripes(double dx, double dy, double theta, double period, double phase, double size) {
        double along = dx * Math.cos(theta) + dy * Math.sin(theta);
        double wave = 0.5 + 0.5 * Math.cos(2 * Math.PI * along / period + phase);
        double window = clamp01((size + 1 - Math.hypot(dx, dy)) / 2);
        return wave * window;
    }

    /** 1 on a line of half-width {@code thick / 2} at distance {@code d} = 0, fading over one pixel. */
    private static double band(double d, double thick) {
        return clamp01(thick / 2 + 0.5 - d);
    }

    private static double square(double dx, double dy, double angle, double size, double thick) {
        double u = Math.abs(dx * Math.cos(angle) + dy * Math.sin(angle));
        double w = Math.abs(-dx * Math.sin(angle) + dy * Math.cos(angle));
        double edge = Math.abs(Math.max(u, w) - size * 0.8);
        return band(edge, thick);
    }

    private static double plus(double dx, double dy, double angle, double size, double thick) {
        double u = dx * Math.cos(angle) + dy * Math.sin(angle);
        double w = -dx * Math.sin(angle) + dy * Math.cos(angle);
        double arm = clamp01(size + 0.5 - Math.max(Math.abs(u), Math.abs(w)));
        return Math.max(band(Math.abs(u), thick), band(Math.abs(w), thick)) * arm;
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
