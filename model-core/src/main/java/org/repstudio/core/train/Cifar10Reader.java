package org.repstudio.core.train;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} and
 * {@code test_batch.bin}, in the given folder or its {@code cifar-10-batches-bin} sub-folder. Each record is
 * one label byte and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, rows of 32); images are [3, 32, 32].
 */
public final class Cifar10Reader {

    static final int SIDE = 32;
    static final int RECORD = 1 + 3 * SIDE * SIDE;
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private Cifar10Reader() {
    }

    public static ImageData read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "no such folder (expected CIFAR-10 data_batch_*.bin and test_batch.bin)");
        }
        Path base = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        List<Path> trainFiles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            trainFiles.add(base.resolve("data_batch_" + i + ".bin"));
        }
        LabeledImages train = readFiles(trainFiles);
        LabeledImages test = readFiles(List.of(base.resolve("test_batch.bin")));
        return ImageData.of("cifar10", train, test);
    }

    /** Concatenates the records of several batch files; each must exist and hold whole records. */
    static LabeledImages readFiles(List<Path> files) {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new DatasetException(f, "missing");
            }
            byte[] d = IdxReader.load(f);
            if (d.length == 0 || d.length % RECORD != 0) {
                throw new DatasetException(f, "truncated or not a CIFAR-10 binary batch: " + d.length
                        + " bytes is not a whole number of " + RECORD + "-byte records");
            }
            for (int at = 0; at < d.length; at += RECORD) {
                int label = d[at] & 0xff;
                if (label >= CLASSES.size()) {
                    throw new DatasetException(f, "record " + at / RECORD + " has label " + label
                            + ", CIFAR-10 labels are 0..9 (is this CIFAR-100?)");
                }
                labels.add(label);
                pixels.write(d, at + 1, RECORD - 1);
            }
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new LabeledImages(3, SIDE, SIDE, pixels.toByteArray(), l, CLASSES);
    }
}
