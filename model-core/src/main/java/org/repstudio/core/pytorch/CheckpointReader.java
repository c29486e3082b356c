package org.repstudio.core.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.repstudio.core.pytorch.PyValues.StorageRef;
import org.repstudio.core.pytorch.PyValues.TensorRef;

/**
 * Reads a PyTorch checkpoint into its flat state_dict (key to tensor, in file order): torch.save's zip
 * format ({@code archive/data.pkl} plus one entry per storage), its legacy format (pickles then raw
 * storages), and safetensors. The pickle goes through {@link RestrictedUnpickler}. A dict holding a
 * {@code state_dict} or {@code model} entry is unwrapped; DDP's {@code module.} prefix is stripped.
 */
public final class CheckpointReader {

    /** The state_dict and how it was found, for the report. */
    public record StateDict(Map<String, RawTensor> tensors, String format, String entry) {
    }

    private CheckpointReader() {
    }

    public static StateDict read(Path path) throws IOException {
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream s = Files.newInputStream(path)) {
            n = s.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            return readZip(path, name);
        }
        byte[] all = Files.readAllBytes(path);
        if (n >= 2 && (head[0] & 0xff) == 0x80) {
            try {
                return readLegacy(all, name);
            } catch (ClassCastException | NullPointerException | java.nio.BufferUnderflowException e) {
                throw new CheckpointException(name + ": malformed or truncated legacy checkpoint");
            }
        }
        if (n >= 9 && head[8] == '{') {
            return new StateDict(stripModulePrefix(Safetensors.read(all, name)), "safetensors", "");
        }
        throw new CheckpointException(name + ": not a PyTorch checkpoint (.pt/.pth zip or legacy pickle) or a"
                + " .safetensors file");
    }

    private static StateDict readZip(Path path, String name) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry pkl = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (z.getName().endsWith("data.pkl") && z.getName().indexOf('/') == z.getName().lastIndexOf('/')) {
                    pkl = z;
                }
            }
            if (pkl == null) {
                throw new CheckpointException(name + ": a zip file without data.pkl is not a PyTorch checkpoint");
            }
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null && new String(zip.getInputStream(order).readAllBytes()).trim().equals("big")) {
                throw new CheckpointException(name + ": big-endian checkpoints are not supported");
            }
            Object root = RestrictedUnpickler.load(ByteBuffer.wrap(zip.getInputStream(pkl).readAllBytes()), name);
            Unwrapped u = unwrap(root, name);
            Map<String, RawTensor> out = new LinkedHashMap<>();
            Map<String, byte[]> storages = new HashMap<>();
            for (Map.Entry<String, TensorRef> e : u.refs.entrySet()) {
                StorageRef s = e.getValue().storage();
                byte[] data = storages.get(s.key());
                if (data == null) {
                    ZipEntry z = zip.getEntry(prefix + "data/" + s.key());
                    if (z == null) {
                        throw new CheckpointException(name + ": storage " + s.key() + " of '" + e.getKey()
                                + "' is missing from the zip (truncated?)");
                    }
                    data = zip.getInputStream(z).readAllBytes();
                    storages.put(s.key(), data);
                }
                out.put(e.getKey(), materialize(e.getKey(), e.getValue(), data, name));
            }
            return new StateDict(stripModulePrefix(out), "PyTorch zip", u.entry);
        } catch (ZipException e) {
            throw new CheckpointException(name + ": damaged or truncated zip (" + e.getMessage() + ")");
        }
    }

    /** Legacy torch.save: magic, protocol, sys_info, the object, the storage keys, then each storage. */
    private static StateDict readLegacy(byte[] all, String name) throws CheckpointException {
        ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        Object magic = RestrictedUnpickler.load(in, name);
        if (!(magic instanceof java.math.BigInteger m) || !m.toString(16).equals("1950a86a20f9469cfc6c")) {
            // a plain pickle, not torch.save's legacy format: the object is the first pickle
            in.position(0);
            Object root = RestrictedUnpickler.load(in, name);
            if (!unwrap(root, name).refs.isEmpty()) {
                throw new CheckpointException(name + ": tensors without their storages (not a torch.save file)");
            }
            throw new CheckpointException(name + ": a pickle without tensors is not a checkpoint");
        }
        RestrictedUnpickler.load(in, name); // protocol version
        RestrictedUnpickler.load(in, name); // sys_info
        Object root = RestrictedUnpickler.load(in, name);
        Object keys = RestrictedUnpickler.load(in, name);
        Map<String, byte[]> storages = new HashMap<>();
        Map<String, StorageRef> byKey = new HashMap<>();
        Unwrapped u = unwrap(root, name);
        for (Object root2 : allStorages(root)) {
            StorageRef s = (StorageRef) root2;
            byKey.put(s.key(), s);
        }
        for (Object k : (List<?>) keys) {
            StorageRef s = byKey.get(String.valueOf(k));
            if (in.remaining() < 8) {
                throw new CheckpointException(name + ": truncated at byte " + in.position() + " (storage " + k + ")");
            }
            long count = in.getLong();
            int elem = s == null ? 1 : s.dtype().bytes();
            if (count < 0 || count * elem > in.remaining()) {
                throw new CheckpointException(name + ": truncated at byte " + in.position() + " (storage " + k
                        + " needs " + count * elem + " bytes, " + in.remaining() + " left)");
            }
            byte[] data = new byte[(int) (count * elem)];
            in.get(data);
            storages.put(String.valueOf(k), data);
        }
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : u.refs.entrySet()) {
            byte[] data = storages.get(e.getValue().storage().key());
            if (data == null) {
                throw new CheckpointException(name + ": storage of '" + e.getKey() + "' missing (truncated?)");
            }
            out.put(e.getKey(), materialize(e.getKey(), e.getValue(), data, name));
        }
        return new StateDict(stripModulePrefix(out), "PyTorch legacy", u.entry);
    }

    private static List<Object> allStorages(Object o) {
        List<Object> found = new ArrayList<>();
        collect(o, found);
        return found;
    }

    private static void collect(Object o, List<Object> found) {
        if (o instanceof StorageRef) {
            found.add(o);
        } else if (o instanceof TensorRef t) {
            found.add(t.storage());
        } else if (o instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, found));
        } else if (o instanceof List<?> l) {
            l.forEach(v -> collect(v, found));
        } else if (o instanceof PyValues.Tuple t) {
            t.items().forEach(v -> collect(v, found));
        }
    }

    private record Unwrapped(Map<String, TensorRef> refs, String entry) {
    }

    /** The state_dict inside the root: the root itself, or its 'state_dict' or 'model' entry. */
    private static Unwrapped unwrap(Object root, String name) throws CheckpointException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new CheckpointException(name + ": holds a " + describe(root) + ", not a state_dict");
        }
        for (String entry : List.of("state_dict", "model")) {
            if (top.get(entry) instanceof Map<?, ?> inner) {
                return new Unwrapped(tensorsOf(inner), entry);
            }
        }
        return new Unwrapped(tensorsOf(top), "");
    }

    private static Map<String, TensorRef> tensorsOf(Map<?, ?> dict) {
        Map<String, TensorRef> refs = new LinkedHashMap<>();
        dict.forEach((k, v) -> {
            if (v instanceof TensorRef t) {
                refs.put(String.valueOf(k), t);
            }
        });
        return refs;
    }

    private static String describe(Object o) {
        return o instanceof TensorRef ? "single tensor" : o == null ? "nothing" : o.getClass().getSimpleName();
    }

    /** The tensor's elements copied out of its storage in C order (any strides and offset). */
    private static RawTensor materialize(String key, TensorRef t, byte[] storage, String name)
            throws CheckpointException {
        int elem = t.storage().dtype().bytes();
        int[] size = t.size();
        long count = RawTensor.elements(size);
        long last = t.offset();
        for (int i = 0; i < size.length; i++) {
            if (size[i] > 0) {
                last += (size[i] - 1L) * t.stride()[i];
            }
        }
        if (count > 0 && (t.offset() < 0 || (last + 1) * elem > storage.length)) {
            throw new CheckpointException(name + ": tensor '" + key + "' reaches past its storage ("
                    + storage.length + " bytes; truncated?)");
        }
        byte[] out = new byte[(int) (count * elem)];
        if (contiguous(size, t.stride())) {
            System.arraycopy(storage, (int) (t.offset() * elem), out, 0, out.length);
            return new RawTensor(t.storage().dtype(), size, out);
        }
        int[] idx = new int[size.length];
        for (long n = 0; n < count; n++) {
            long src = t.offset();
            for (int i = 0; i < size.length; i++) {
                src += idx[i] * t.stride()[i];
            }
            System.arraycopy(storage, (int) (src * elem), out, (int) (n * elem), elem);
            for (int i = size.length - 1; i >= 0; i--) {
                if (++idx[i] < size[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new RawTensor(t.storage().dtype(), size, out);
    }

    private static boolean contiguous(int[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** DistributedDataParallel saves its wrapped module's keys under 'module.'. */
    static Map<String, RawTensor> stripModulePrefix(Map<String, RawTensor> in) {
        if (in.isEmpty() || !in.keySet().stream().allMatch(k -> k.startsWith("module."))) {
            return in;
        }
        Map<String, RawTensor> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.substring("module.".length()), v));
        return out;
    }
}
