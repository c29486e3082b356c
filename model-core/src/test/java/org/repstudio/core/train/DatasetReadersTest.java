package org.repstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.ImageFactory;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.imageio.ImageIO;

/** IDX, CIFAR-10 and image-folder readers on small files written here, good and broken. */
class DatasetReadersTest {

    @TempDir
    Path tmp;

    @Test
    void readsPlainAndGzippedIdx() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path dir = tmp.resolve("mnist" + gz);
            DatasetFiles.writeMnist(dir, 12, 5, gz);
            ImageData d = IdxReader.mnist(dir);
            assertEquals(12, d.train().count());
            assertEquals(5, d.test().count());
            assertEquals(4, d.train().height());
            assertEquals(3, d.train().width());
            assertEquals(7, d.train().labels()[7]);
            assertEquals(7 * 12 & 0xff, d.train().image(1)[0]); // pixel 12 of the file is (12 * 7) & 0xff
        }
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        Path dir = tmp.resolve("m");
        DatasetFiles.writeMnist(dir, 3, 3, false);
        Files.write(dir.resolve("train-images-idx3-ubyte"), DatasetFiles.idxLabels(3)); // a label file
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.mnist(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic 0x00000801"), e.getMessage());
    }

    @Test
    void truncatedIdxNamesTheFile() throws IOException {
        Path dir = tmp.resolve("t");
        DatasetFiles.writeMnist(dir, 3, 3, true);
        byte[] full = DatasetFiles.idxImages(3, 4, 3);
        DatasetFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(full, full.length - 5), true);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.fashion(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz: truncated"), e.getMessage());

        byte[] gz = DatasetFiles.gzip(DatasetFiles.idxLabels(3));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2)); // cut gzip stream
        e = assertThrows(DatasetException.class, () -> IdxReader.fashion(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());

        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {0, 0, 8});
        e = assertThrows(DatasetException.class, () -> IdxReader.fashion(dir));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void missingIdxFileAndLabelCountMismatch() throws IOException {
        Path dir = tmp.resolve("x");
        DatasetFiles.writeMnist(dir, 3, 3, false);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.mnist(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte: missing"), e.getMessage());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), DatasetFiles.idxLabels(2));
        e = assertThrows(DatasetException.class, () -> IdxReader.mnist(dir));
        assertTrue(e.getMessage().contains("2 labels, but"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> IdxReader.mnist(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere: no such folder"), e.getMessage());
    }

    @Test
    void readsCifarBinaries() throws IOException {
        Path dir = tmp.resolve("c").resolve("cifar-10-batches-bin");
        DatasetFiles.writeCifar(dir, 4);
        ImageData d = Cifar10Reader.read(tmp.resolve("c"));
        assertEquals(20, d.train().count());
        assertEquals(4, d.test().count());
        assertEquals(3, d.train().channels());
        assertEquals(32, d.train().height());
        assertEquals(3, d.train().labels()[3]);
        assertEquals(1, d.train().image(0)[0]); // first pixel of record 0 is (0 + 1)
        assertEquals("cat", d.train().classNames().get(3));
    }

    @Test
    void truncatedOrWrongCifarNamesTheFile() throws IOException {
        Path dir = tmp.resolve("c2");
        DatasetFiles.writeCifar(dir, 2);
        byte[] rec = DatasetFiles.cifarRecords(2);
        Files.write(dir.resolve("data_batch_3.bin"), Arrays.copyOf(rec, rec.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10Reader.read(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin: truncated"), e.getMessage());

        rec[Cifar10Reader.RECORD] = 42;
        Files.write(dir.resolve("data_batch_3.bin"), rec);
        e = assertThrows(DatasetException.class, () -> Cifar10Reader.read(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin: record 1 has label 42"), e.getMessage());

        Files.write(dir.resolve("data_batch_3.bin"), DatasetFiles.cifarRecords(2));
        Files.delete(dir.resolve("test_batch.bin"));
        e = assertThrows(DatasetException.class, () -> Cifar10Reader.read(dir));
        assertTrue(e.getMessage().contains("test_batch.bin: missing"), e.getMessage());
    }

    @Test
    void readsAnImageFolderAndHoldsOutEveryFifth() throws IOException {
        Path dir = tmp.resolve("f");
        for (String cls : new String[] {"cats", "dogs"}) {
            Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 5; i++) {
                writePng(dir.resolve(cls).resolve("img" + i + ".png"), cls.equals("cats") ? 0xff0000 : 0x0000ff);
            }
        }
        Files.writeString(dir.resolve("cats").resolve("notes.txt"), "ignored");
        ImageData d = ImageFolderReader.read(dir, 8);
        assertEquals(8, d.train().count());
        assertEquals(2, d.test().count());
        assertEquals(3, d.train().channels());
        assertEquals(8, d.train().width());
        int[] cat = d.train().image(0);
        assertEquals(255, cat[0]); // red plane
        assertEquals(0, cat[64 * 2]); // blue plane
        assertEquals(1, d.test().labels()[1]);

        Files.writeString(dir.resolve("dogs").resolve("broken.png"), "not a png");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderReader.read(dir, 8));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    }

    @Test
    void readsSixteenBitColourAndGreyImages() throws IOException {
        Path dir = tmp.resolve("depths");
        Files.createDirectories(dir.resolve("deep"));
        Files.createDirectories(dir.resolve("grey"));
        for (int i = 0; i < 5; i++) {
            writeSixteenBitRed(dir.resolve("deep").resolve("img" + i + ".png"));
            BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            for (int k = 0; k < 16; k++) {
                grey.getRaster().setSample(k % 4, k / 4, 0, 128);
            }
            ImageIO.write(grey, "png", dir.resolve("grey").resolve("img" + i + ".png").toFile());
        }
        BufferedImage stored = ImageIO.read(dir.resolve("deep").resolve("img0.png").toFile());
        assertEquals(BufferedImage.TYPE_CUSTOM, stored.getType(), "the case DJL's resize could not copy");
        ImageData d = ImageFolderReader.read(dir, 8); // 4x4 -> 8x8: through the resize
        assertEquals(8, d.train().count());
        int[] deep = d.train().image(0);
        assertEquals(255, deep[0]); // red plane, from 65535
        assertEquals(0, deep[64]); // green plane
        int[] grey = d.train().image(4);
        assertEquals(1, d.train().labels()[4]);
        assertEquals(128, grey[0], "grey keeps the stored value (Java's drawing made it 188)");
        assertEquals(128, grey[64 + 9]);
        assertEquals(128, grey[128 + 63]);
    }

    @Test
    void builtinDatasetIsDeterministicAndBalanced() {
        ImageData a = GeneratedShapes.generate(7, 160, 40);
        ImageData b = GeneratedShapes.generate(7, 160, 40);
        ImageData c = GeneratedShapes.generate(8, 160, 40);
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertTrue(!Arrays.equals(a.train().pixels(), c.train().pixels()));
        int[] perClass = new int[8];
        for (int l : a.train().labels()) {
            perClass[l]++;
        }
        for (int n : perClass) {
            assertEquals(20, n);
        }
        assertTrue(a.std() > 0.05, "images have contrast");
    }

    @Test
    void previewShowsImagesWithTheirClassNames() {
        ImageData d = GeneratedShapes.generate(7, 16, 8);
        var samples = DatasetPreview.of(d.train(), 4);
        assertEquals(4, samples.size());
        assertEquals(32 * 32, samples.get(2).pixels().length);
        assertEquals(GeneratedShapes.CLASSES.get(samples.get(2).label()), samples.get(2).className());
        assertEquals(16, DatasetPreview.of(d.train(), 99).size());
    }

    @Test
    void parsesDataSpecs() {
        assertEquals(DataSpec.Kind.BUILTIN, DataSpec.parse("builtin").kind());
        assertEquals(Path.of("/d"), DataSpec.parse("cifar10:/d").dir());
        assertEquals("fashion:x", DataSpec.parse("fashion:x").toString());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("imagenet:/d"));
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("mnist:"));
    }

    private static void writePng(Path p, int rgb) throws IOException {
        int[] px = new int[4 * 4];
        Arrays.fill(px, 0xff000000 | rgb);
        try (OutputStream out = Files.newOutputStream(p)) {
            ImageFactory.getInstance().fromPixels(px, 4, 4).save(out, "png");
        }
    }

    /** A 4x4 PNG with 16 bits per channel, pure red: Java reads it back as a custom-layout image. */
    private static void writeSixteenBitRed(Path p) throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                raster.setPixel(x, y, new int[] {65535, 0, 0});
            }
        }
        ImageIO.write(new BufferedImage(model, raster, false, null), "png", p.toFile());
    }
}
