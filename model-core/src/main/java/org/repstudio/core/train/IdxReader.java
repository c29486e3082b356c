package org.repstudio.core.train;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST and Fashion-MNIST in the IDX format, plain or gzipped (recognized by content, not by name). A
 * folder holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each optionally ending in {@code .gz}; a dot instead of the last dash
 * ({@code train-images.idx3-ubyte}) is accepted too. Images are [1, rows, cols].
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private IdxReader() {
    }

    /** MNIST digits from {@code dir}. */
    public static ImageData mnist(Path dir) {
        return read(dir, "mnist", DIGITS);
    }

    /** Fashion-MNIST from {@code dir}. */
    public static ImageData fashion(Path dir) {
        return read(dir, "fashion-mnist", FASHION);
    }

    static ImageData read(Path dir, String name, List<String> classes) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "no such folder (expected the four " + name + " IDX files in it)");
        }
        LabeledImages train = split(dir, "train", classes);
        LabeledImages test = split(dir, "t10k", classes);
        return ImageData.of(name, train, test);
    }

    private static LabeledImages split(Path dir, String prefix, List<String> classes) {
        return split(find(dir, prefix + "-images", "idx3-ubyte"), find(dir, prefix + "-labels", "idx1-ubyte"), classes);
    }

    /** One split from its image and label files, wherever they lie (DJL's cache names them its own way). */
    static LabeledImages split(Path imagesFile, Path labelsFile, List<String> classes) {
        Images images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile, classes.size());
        if (labels.length != images.count) {
            throw new DatasetException(labelsFile, labels.length + " labels, but " + imagesFile.getFileName() + " has "
                    + images.count + " images");
        }
        return new LabeledImages(1, images.rows, images.cols, images.pixels, labels, classes);
    }

    /** The file {@code stem-suffix} or {@code stem.suffix}, gzipped or not. */
    static Path find(Path dir, String stem, String suffix) {
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {"", ".gz"}) {
                Path p = dir.resolve(stem + sep + suffix + gz);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new DatasetException(dir.resolve(stem + "-" + suffix), "missing (also looked for .gz and '"
                + stem + "." + suffix + "')");
    }

    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads an IDX3 unsigned-byte image file: magic 0x803, count, rows, cols, then the pixels. */
    public static Images readImages(Path file) {
        byte[] data = load(file);
        int magic = header(data, 0, file);
        if (magic != IMAGES_MAGIC) {
            throw new DatasetException(file, String.format("not an IDX image file: magic 0x%08x, expected 0x%08x",
                    magic, IMAGES_MAGIC));
        }
        int count = header(data, 4, file);
        int rows = header(data, 8, file);
        int cols = header(data, 12, file);
        if (count < 0 || rows < 1 || cols < 1 || rows > 4096 || cols > 4096) {
            throw new DatasetException(file, "implausible header: " + count + " images of " + rows + "x" + cols);
        }
        long expected = 16 + (long) count * rows * cols;
        if (data.length < expected) {
            throw new DatasetException(file, "truncated: " + count + " images of " + rows + "x" + cols + " need "
                    + expected + " bytes, the file has " + data.length);
        }
        byte[] pixels = new byte[count * rows * cols];
        System.arraycopy(data, 16, pixels, 0, pixels.length);
        return new Images(count, rows, cols, pixels);
    }

    /** Reads an IDX1 unsigned-byte label file: magic 0x801, count, then one byte per label. */
    public static int[] readLabels(Path file, int numClasses) {
        byte[] data = load(file);
        int magic = header(data, 0, file);
        if (magic != LABELS_MAGIC) {
            throw new DatasetException(file, String.format("not an IDX label file: magic 0x%08x, expected 0x%08x",
                    magic, LABELS_MAGIC));
        }
        int count = header(data, 4, file);
        if (count < 0 || data.length < 8L + count) {
            throw new DatasetException(file, "truncated: " + count + " labels need " + (8L + count)
                    + " bytes, the file has " + data.length);
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = data[8 + i] & 0xff;
            if (labels[i] >= numClasses) {
                throw new DatasetException(file, "label " + labels[i] + " at index " + i + " is not one of the "
                        + numClasses + " classes");
            }
        }
        return labels;
    }

    private static int header(byte[] d, int at, Path file) {
        if (d.length < at + 4) {
            throw new DatasetException(file, "truncated: the header ends after " + d.length + " bytes");
        }
        return ((d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }

    /** All bytes of the file, gunzipped when it starts with the gzip magic. */
    static byte[] load(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "missing");
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated gzip stream", e);
        } catch (ZipException e) {
            throw new DatasetException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
