package org.repstudio.core.train;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.repstudio.core.engine.EngineNames;

/**
 * An image folder with one sub-folder per class. With {@code train/} and {@code test/} sub-folders (same
 * class names in each) those are the splits; otherwise every fifth image of each class (in name order) is
 * held out for testing. Images (PNG, JPEG, BMP, GIF) are decoded with ImageIO, resized bilinearly to
 * {@code size} x {@code size} by the engine and kept as colour, so samples are [3, size, size]. Grey images
 * keep the values stored in the file in all three channels (8 or 16 bits), as PIL and torchvision read
 * them; colour images go through sRGB. Java's own drawing, which DJL's resize used, treats grey as linear
 * light and brightened it (128 became 188), and failed on layouts Java has no type for (16-bit colour PNGs)
 * with "Unknown image type 0", naming no file.
 */
public final class ImageFolderReader {

    static {
        EngineNames.ensureDefaults(); // else the managers below would start DJL's own default engine, MXNet
    }

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
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "not a readable image: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new DatasetException(file, "not a readable image");
        }
        try (NDManager scope = manager.newSubManager()) {
            int h = image.getHeight();
            int w = image.getWidth();
            NDArray hwc = scope.create(ByteBuffer.wrap(rgbBytes(image)), new Shape(h, w, 3), DataType.UINT8);
            if (h != size || w != size) {
                NDArray resized = NDImageUtils.resize(hwc.toType(DataType.FLOAT32, false), size, size,
                        Image.Interpolation.BILINEAR);
                hwc = resized.round().clip(0, 255).toType(DataType.UINT8, false);
            }
            return hwc.transpose(2, 0, 1).toByteArray();
        } catch (RuntimeException e) {
            throw new DatasetException(file, "cannot convert to " + size + "x" + size + " colour: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The pixels as [h, w, 3] bytes in HWC order: grey samples as stored (16-bit ones scaled to 8 bits) in
     * every channel, colour through the image's colour model to sRGB.
     */
    static byte[] rgbBytes(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        byte[] out = new byte[h * w * 3];
        Raster raster = image.getRaster();
        if (image.getColorModel().getNumColorComponents() == 1) {
            int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (int) Math.round(raster.getSample(x, y, 0) * 255.0 / max);
                    int i = (y * w + x) * 3;
                    out[i] = (byte) v;
                    out[i + 1] = (byte) v;
                    out[i + 2] = (byte) v;
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int k = 0; k < argb.length; k++) {
            out[k * 3] = (byte) (argb[k] >> 16);
            out[k * 3 + 1] = (byte) (argb[k] >> 8);
            out[k * 3 + 2] = (byte) argb[k];
        }
        return out;
    }
}
