package org.repstudio.core.train;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An image folder with one sub-folder per class. With {@code train/} and {@code test/} sub-folders (same
 * class names in each) those are the splits; otherwise every fifth image of each class (in name order) is
 * held out for testing. Images (PNG, JPEG, BMP, GIF) are decoded by DJL's image factory, resized to
 * {@code size} x {@code size} and kept as colour, so samples are [3, size, size].
 */
public final class ImageFolderReader {

    private static final int HOLD_OUT_EVERY = 5;

    private ImageFolderReader() {
    }

    public static ImageData read(Path dir, int size) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "no such folder (expected one sub-folder of images per class)");
        }
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        try (NDManager manager = NDManager.newBaseManager()) {
            if (Files.isDirectory(train) && Files.isDirectory(test)) {
                List<String> classes = classes(train);
                if (!classes(test).equals(classes)) {
                    throw new DatasetException(test, "has classes " + classes(test) + " but train/ has " + classes);
                }
                return ImageData.of("folder:" + dir.getFileName(), load(train, classes, size, manager, -1, false),
                        load(test, classes, size, manager, -1, false));
            }
            List<String> classes = classes(dir);
            return ImageData.of("folder:" + dir.getFileName(),
                    load(dir, classes, size, manager, HOLD_OUT_EVERY, false),
                    load(dir, classes, size, manager, HOLD_OUT_EVERY, true));
        }
    }

    /** Sub-folder names in sorted order; at least two. */
    static List<String> classes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.size() < 2) {
                throw new DatasetException(dir, "needs at least two class sub-folders, found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the images of every class folder; with {@code every > 0} only the images whose index modulo
     * {@code every} is the last ({@code heldOut}) or not ({@code !heldOut}).
     */
    private static LabeledImages load(Path root, List<String> classes, int size, NDManager manager, int every,
                                      boolean heldOut) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> files = images(root.resolve(classes.get(c)));
            for (int i = 0; i < files.size(); i++) {
                boolean isHeldOut = every > 0 && i % every == every - 1;
                if (every > 0 && isHeldOut != heldOut) {
                    continue;
                }
                pixels.writeBytes(decode(files.get(i), size, manager));
                labels.add(c);
            }
        }
        if (labels.isEmpty()) {
            throw new DatasetException(root, "no images found" + (heldOut ? " to hold out for testing (each class "
                    + "needs at least " + every + ")" : ""));
        }
        return new LabeledImages(3, size, size, pixels.toByteArray(),
                labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }

    private static List<Path> images(Path classDir) {
        try (Stream<Path> s = Files.list(classDir)) {
            return s.filter(Files::isRegularFile).filter(ImageFolderReader::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(classDir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
                || n.endsWith(".gif");
    }

    /** CHW bytes of one image resized to size x size. */
    private static byte[] decode(Path file, int size, NDManager manager) {
        Image img;
        try {
            img = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "not a readable image: " + e.getMessage(), e);
        }
        if (img == null || img.getWidth() < 1) {
            throw new DatasetException(file, "not a readable image");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray hwc = img.resize(size, size, true).toNDArray(scope, Image.Flag.COLOR);
            NDArray chw = hwc.transpose(2, 0, 1).toType(DataType.UINT8, false);
            return chw.toByteArray();
        }
    }
}
