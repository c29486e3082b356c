package org.repstudio.core.onnx;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out unique ONNX value and node names. Node ids of a design are unique among themselves, but an id
 * could equal "input", "output" or an initializer name such as "conv.weight"; a clash gets a suffix.
 */
final class ValueNames {

    private final Set<String> taken = new HashSet<>();

    /** {@code wanted} if free, otherwise {@code wanted_2}, {@code wanted_3}... */
    String claim(String wanted) {
        String name = wanted;
        for (int i = 2; !taken.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }
}
