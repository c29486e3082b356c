package org.repstudio.core.pytorch;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repstudio.core.pytorch.PyValues.Global;
import org.repstudio.core.pytorch.PyValues.StorageRef;
import org.repstudio.core.pytorch.PyValues.TensorRef;
import org.repstudio.core.pytorch.PyValues.Tuple;

/**
 * Reads one pickle (protocols 2 to 5, as torch.save writes them) into plain Java values, and refuses,
 * before building anything, every global outside a short allow-list: ordered dicts, PyTorch's tensor
 * rebuild functions and storage classes. Nothing is ever called: an allowed global is only a tag that
 * {@code REDUCE} turns into a map or a {@link TensorRef}. A checkpoint that names {@code os.system},
 * {@code builtins.eval} or a user class is refused with the name it asked for.
 */
final class RestrictedUnpickler {

    private static final Set<String> CALLABLE = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter");

    private final ByteBuffer in;
    private final String source;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(ByteBuffer in, String source) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** Reads the pickle that starts at the buffer's position; the position ends after its STOP. */
    static Object load(ByteBuffer in, String source) throws CheckpointException {
        try {
            return new RestrictedUnpickler(in, source).run();
        } catch (java.nio.BufferUnderflowException e) {
            throw new CheckpointException(source + ": truncated pickle (ends at byte " + in.limit() + ")");
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new CheckpointException(source + ": malformed pickle near byte " + in.position());
        }
    }

    private Object run() throws CheckpointException {
        while (true) {
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME: framing only
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> marks.add(stack.size());
                case ')' -> push(new Tuple(List.of()));
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<>());
                case 'N' -> push(PyValues.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) in.getInt());
                case 'K' -> push((long) (in.get() & 0xff));
                case 'M' -> push((long) (in.getShort() & 0xffff));
                case 0x8a -> push(longOf(bytes(in.get() & 0xff)));
                case 0x8b -> push(longOf(bytes(length(in.getInt()))));
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
                case 'X' -> push(text(length(in.getInt())));
                case 0x8c -> push(text(in.get() & 0xff));
                case 0x8d -> push(text(length(in.getLong())));
                case 'B' -> push(bytes(length(in.getInt())));
                case 'C' -> push(bytes(in.get() & 0xff));
                case 0x8e -> push(bytes(length(in.getLong())));
                case 'T' -> push(new String(bytes(length(in.getInt())), StandardCharsets.ISO_8859_1));
                case 'U' -> push(new String(bytes(in.get() & 0xff), StandardCharsets.ISO_8859_1));
                case 'q' -> memo.put((long) (in.get() & 0xff), peek());
                case 'r' -> memo.put((long) in.getInt(), peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(memoGet(in.get() & 0xff));
                case 'j' -> push(memoGet(in.getInt()));
                case 't' -> push(new Tuple(popMark()));
                case 0x85 -> push(new Tuple(List.of(pop())));
                case 0x86 -> {
                    Object b = pop();
                    push(new Tuple(List.of(pop(), b)));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    push(new Tuple(List.of(pop(), b, c)));
                }
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'd' -> push(dictOf(popMark()));
                case 'a' -> {
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 's' -> {
                    Object v = pop();
                    Object k = pop();
                    dict(peek()).put(k, v);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    dict(peek()).putAll(dictOf(items));
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'c' -> push(global(line(), line()));
                case 0x93 -> {
                    Object name = pop();
                    push(global(String.valueOf(pop()), String.valueOf(name)));
                }
                case 'Q' -> push(persistent(pop()));
                case 'R' -> {
                    Object args = pop();
                    push(reduce(pop(), args));
                }
                case 'b' -> build();
                default -> throw new CheckpointException(source + ": pickle opcode 0x" + Integer.toHexString(op)
                        + " at byte " + at + " is not one a state_dict uses; refused without running it");
            }
        }
    }

    private Global global(String module, String name) throws CheckpointException {
        String q = module + "." + name;
        if (CALLABLE.contains(q) || (module.equals("torch") && DType.ofTorchStorage(name).isPresent())) {
            return new Global(module, name);
        }
        throw new CheckpointException(source + ": refused: the pickle asks for the Python global '" + q
                + "'. RepStudio reads only tensors, storages, ordered dicts and plain values, and ran nothing."
                + (module.equals("os") || module.equals("posix") || module.equals("builtins")
                        || module.equals("subprocess") ? " This file tries to run code: do not load it in Python either."
                        : " Save a state_dict (model.state_dict()) rather than a whole object."));
    }

    private Object reduce(Object callable, Object args) throws CheckpointException {
        if (!(callable instanceof Global g) || !(args instanceof Tuple a)) {
            throw new CheckpointException(source + ": refused: REDUCE on " + callable + " is not allowed");
        }
        switch (g.qualified()) {
            case "collections.OrderedDict" -> {
                return new LinkedHashMap<>();
            }
            case "torch._utils._rebuild_parameter" -> {
                return a.get(0);
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                if (!(a.get(0) instanceof StorageRef s)) {
                    throw new CheckpointException(source + ": a tensor without a storage");
                }
                Tuple size = (Tuple) a.get(2);
                Tuple stride = (Tuple) a.get(3);
                int[] sz = new int[size.size()];
                long[] st = new long[stride.size()];
                for (int i = 0; i < sz.length; i++) {
                    sz[i] = Math.toIntExact((Long) size.get(i));
                    st[i] = (Long) stride.get(i);
                }
                return new TensorRef(s, (Long) a.get(1), sz, st);
            }
            default -> throw new CheckpointException(source + ": refused: cannot call " + g.qualified());
        }
    }

    /** BUILD sets an object's state: only an OrderedDict's attributes (a state_dict's _metadata), kept out. */
    private void build() throws CheckpointException {
        pop();
        if (!(peek() instanceof Map)) {
            throw new CheckpointException(source + ": refused: BUILD on " + peek().getClass().getSimpleName());
        }
    }

    /** torch.save's persistent id: ('storage', StorageClass, key, location, numel[, view]). */
    private Object persistent(Object pid) throws CheckpointException {
        if (!(pid instanceof Tuple t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof Global type)) {
            throw new CheckpointException(source + ": refused: unknown persistent id " + pid);
        }
        DType dtype = DType.ofTorchStorage(type.name()).orElseThrow();
        return new StorageRef(dtype, String.valueOf(t.get(2)), (Long) t.get(4));
    }

    private static Map<Object, Object> dictOf(List<Object> items) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws CheckpointException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new CheckpointException(source + ": APPEND to a " + o.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws CheckpointException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new CheckpointException(source + ": SETITEM on a " + o.getClass().getSimpleName());
    }

    private static Object longOf(byte[] littleEndian) {
        byte[] big = new byte[Math.max(1, littleEndian.length)];
        for (int i = 0; i < littleEndian.length; i++) {
            big[big.length - 1 - i] = littleEndian[i];
        }
        BigInteger v = littleEndian.length == 0 ? BigInteger.ZERO : new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private int length(long n) throws CheckpointException {
        if (n < 0 || n > in.remaining()) {
            throw new CheckpointException(source + ": truncated pickle (a " + n + "-byte value at byte "
                    + in.position() + ", " + in.remaining() + " bytes left)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws CheckpointException {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private String text(int n) throws CheckpointException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String line() throws CheckpointException {
        StringBuilder b = new StringBuilder();
        for (byte c = in.get(); c != '\n'; c = in.get()) {
            b.append((char) c);
            if (b.length() > 1000) {
                throw new CheckpointException(source + ": malformed pickle (a global name over 1000 characters)");
            }
        }
        return b.toString();
    }

    private Object memoGet(long key) throws CheckpointException {
        Object v = memo.get(key);
        if (v == null) {
            throw new CheckpointException(source + ": malformed pickle (memo " + key + " unset)");
        }
        return v;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        int mark = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(mark, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }
}
