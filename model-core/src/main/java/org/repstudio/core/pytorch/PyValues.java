package org.repstudio.core.pytorch;

import java.util.List;

/**
 * The Python values the restricted unpickler builds. Plain values map to Java ones: None to
 * {@link #NONE}, int to Long (or BigInteger), float to Double, bool to Boolean, str to String, bytes to
 * byte[], list to ArrayList, dict and OrderedDict to LinkedHashMap; the rest are these records.
 */
final class PyValues {

    private PyValues() {
    }

    /** Python's None (null would be ambiguous in maps). */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A tuple; a record so that it works as a dict key. */
    record Tuple(List<Object> items) {
        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }
    }

    /** An allowed global (a class or function), only ever called through {@link RestrictedUnpickler}'s switch. */
    record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /** A storage reference from a persistent id: its element type, key (file entry) and element count. */
    record StorageRef(DType dtype, String key, long elements) {
    }

    /** A tensor view of a storage: offset, sizes and strides in elements. */
    record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
    }
}
