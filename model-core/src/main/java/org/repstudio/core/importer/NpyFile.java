package org.repstudio.core.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repstudio.core.algebra.Tensor;

/**
 * Reads a NumPy {@code .npy} array (as {@code numpy.save} writes a tensor): float32 or float64, little-endian,
 * C order, versions 1 to 3. The user's own input for the import certificate.
 */
public final class NpyFile {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=]?)([fiu])(\\d)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFile() {
    }

    /** @throws IOException naming the file and what is wrong with it */
    public static Tensor read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String name = String.valueOf(file.getFileName());
        if (b.length < 10 || b[0] != (byte) 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(name + ": not a .npy file (numpy.save writes one)");
        }
        int major = b[6];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (start + headerLen > b.length) {
            throw new IOException(name + ": the .npy header is cut short");
        }
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IOException(name + ": cannot read the .npy header " + header.trim());
        }
        if (d.group(1).equals(">") || !d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))) {
            throw new IOException(name + ": holds " + d.group(0) + " values; save a float32 or float64 array");
        }
        if (o.group(1).equals("True")) {
            throw new IOException(name + ": is in Fortran order; save a C-ordered array (numpy.ascontiguousarray)");
        }
        String[] parts = s.group(1).split(",");
        int[] shape = new int[(int) java.util.Arrays.stream(parts).filter(p -> !p.isBlank()).count()];
        int k = 0;
        long count = 1;
        for (String p : parts) {
            if (!p.isBlank()) {
                shape[k] = Integer.parseInt(p.trim());
                count *= shape[k++];
            }
        }
        int width = Integer.parseInt(d.group(3));
        int dataStart = start + headerLen;
        if (b.length - dataStart != count * width) {
            throw new IOException(name + ": shape " + java.util.Arrays.toString(shape) + " needs " + count * width
                    + " bytes of data, the file has " + (b.length - dataStart));
        }
        double[] v = new double[Math.toIntExact(count)];
        buf.position(dataStart);
        for (int i = 0; i < v.length; i++) {
            v[i] = width == 4 ? buf.getFloat() : buf.getDouble();
        }
        return new Tensor(shape, v);
    }
}
