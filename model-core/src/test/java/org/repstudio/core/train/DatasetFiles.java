package org.repstudio.core.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files in the real formats so readers can be tested without downloads. */
final class DatasetFiles {

    private DatasetFiles() {
    }

    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] idxLabels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The four MNIST files with {@code train} and {@code test} images of 4x3, optionally gzipped. */
    static void writeMnist(Path dir, int train, int test, boolean gz) throws IOException {
        Files.createDirectories(dir);
        String ext = gz ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), idxImages(train, 4, 3), gz);
        write(dir.resolve("train-labels-idx1-ubyte" + ext), idxLabels(train), gz);
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), idxImages(test, 4, 3), gz);
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), idxLabels(test), gz);
    }

    static void write(Path p, byte[] data, boolean gz) throws IOException {
        Files.write(p, gz ? gzip(data) : data);
    }

    /** {@code count} CIFAR-10 records, label i % 10, pixels from the record index. */
    static byte[] cifarRecords(int count) {
        byte[] d = new byte[count * Cifar10Reader.RECORD];
        for (int i = 0; i < count; i++) {
            d[i * Cifar10Reader.RECORD] = (byte) (i % 10);
            for (int k = 1; k < Cifar10Reader.RECORD; k++) {
                d[i * Cifar10Reader.RECORD + k] = (byte) (i + k);
            }
        }
        return d;
    }

    static void writeCifar(Path dir, int perBatch) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), cifarRecords(perBatch));
        }
        Files.write(dir.resolve("test_batch.bin"), cifarRecords(perBatch));
    }
}
