package org.repstudio.core.train;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which dataset to train on, as the CLI spells it: {@code builtin}, {@code mnist:DIR}, {@code fashion:DIR},
 * {@code cifar10:DIR} or {@code folder:DIR}. {@link #load(long)} reads or generates it.
 */
public record DataSpec(Kind kind, Path dir) {

    /** The dataset families. */
    public enum Kind { BUILTIN, MNIST, FASHION, CIFAR10, FOLDER }

    /** Image side that folder images are resized to. */
    public static final int FOLDER_SIDE = 32;

    public static DataSpec builtin() {
        return new DataSpec(Kind.BUILTIN, null);
    }

    /**
     * Parses the CLI spelling.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DataSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("builtin")) {
            return builtin();
        }
        int colon = t.indexOf(':');
        if (colon > 0 && colon < t.length() - 1) {
            String k = t.substring(0, colon).toLowerCase(Locale.ROOT);
            Path dir = Path.of(t.substring(colon + 1));
            switch (k) {
                case "mnist":
                    return new DataSpec(Kind.MNIST, dir);
                case "fashion":
                    return new DataSpec(Kind.FASHION, dir);
                case "cifar10":
                    return new DataSpec(Kind.CIFAR10, dir);
                case "folder":
                    return new DataSpec(Kind.FOLDER, dir);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + text
                + "': use builtin, mnist:DIR, fashion:DIR, cifar10:DIR or folder:DIR");
    }

    /**
     * Loads the dataset; {@code seed} only matters for the generated one.
     *
     * @throws DatasetException naming the file that is missing or malformed
     */
    public ImageData load(long seed) {
        switch (kind) {
            case BUILTIN:
                return GeneratedShapes.generate(seed);
            case MNIST:
                return IdxReader.mnist(dir);
            case FASHION:
                return IdxReader.fashion(dir);
            case CIFAR10:
                return Cifar10Reader.read(dir);
            default:
                return ImageFolderReader.read(dir, FOLDER_SIDE);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.BUILTIN ? "builtin" : kind.name().toLowerCase(Locale.ROOT) + ":" + dir;
    }
}
