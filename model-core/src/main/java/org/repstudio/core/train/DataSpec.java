package org.repstudio.core.train;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which dataset to train on, as the CLI spells it: {@code builtin}, {@code mnist:DIR}, {@code fashion:DIR},
 * {@code cifar10:DIR}, {@code folder:DIR}, or one DJL downloads: {@code djl:mnist}, {@code djl:fashion},
 * {@code djl:cifar10} ({@code dir} is null for those). {@link #load(long, DjlDownloads)} reads, generates or
 * fetches it.
 */
public record DataSpec(Kind kind, Path dir) {

    /** The dataset families. */
    public enum Kind {
        BUILTIN, MNIST, FASHION, CIFAR10, FOLDER,
        DJL_MNIST(DjlDataset.MNIST), DJL_FASHION(DjlDataset.FASHION), DJL_CIFAR10(DjlDataset.CIFAR10);

        private final DjlDataset download;

        Kind() {
            this(null);
        }

        Kind(DjlDataset download) {
            this.download = download;
        }

        /** The DJL dataset this kind is fetched as; null for local and generated data. */
        public DjlDataset download() {
            return download;
        }

        public boolean downloads() {
            return download != null;
        }
    }

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
        for (Kind k : Kind.values()) {
            if (k.downloads() && k.download().spec().equalsIgnoreCase(t)) {
                return new DataSpec(k, null);
            }
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
                + "': use builtin, mnist:DIR, fashion:DIR, cifar10:DIR, folder:DIR, or (with downloads allowed) "
                + "djl:mnist, djl:fashion or djl:cifar10");
    }

    /**
     * Loads the dataset with downloads off: a DJL dataset is refused with how to allow downloads.
     *
     * @throws DatasetException naming the file that is missing or malformed
     */
    public ImageData load(long seed) {
        return load(seed, DjlDownloads.off());
    }

    /**
     * Loads the dataset; {@code seed} only matters for the generated one, {@code downloads} only for DJL's.
     *
     * @throws DatasetException naming the file that is missing or malformed, or why a download failed
     */
    public ImageData load(long seed, DjlDownloads downloads) {
        if (kind.downloads()) {
            return downloads.load(kind.download());
        }
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
        if (kind.downloads()) {
            return kind.download().spec();
        }
        return kind == Kind.BUILTIN ? "builtin" : kind.name().toLowerCase(Locale.ROOT) + ":" + dir;
    }
}
