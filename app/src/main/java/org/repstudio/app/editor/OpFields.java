package org.repstudio.app.editor;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.repstudio.core.algebra.Padding;
import org.repstudio.core.graph.Op;

/**
 * The editable fields of an op, read and written through the op record's components, so every op the
 * engine knows is editable without a form per op. A {@link Padding} component shows as four int fields
 * ({@code padding.top}, ...).
 */
public final class OpFields {

    private static final String[] SIDES = {"top", "bottom", "left", "right"};

    private OpFields() {
    }

    /** One field: its name, the value type (Integer, Double, Boolean or an enum class), and its value. */
    public record Field(String name, Class<?> type, Object value) {
    }

    public static List<Field> of(Op op) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            Object v = read(c, op);
            if (c.getType() == Padding.class) {
                Padding p = (Padding) v;
                int[] sides = {p.top(), p.bottom(), p.left(), p.right()};
                for (int i = 0; i < 4; i++) {
                    fields.add(new Field(c.getName() + "." + SIDES[i], Integer.class, sides[i]));
                }
            } else {
                fields.add(new Field(c.getName(), box(c.getType()), v));
            }
        }
        return fields;
    }

    /** The value of field {@code name} of {@code op}. */
    public static Object get(Op op, String name) {
        for (Field f : of(op)) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        throw new IllegalArgumentException(op.kind() + " has no field '" + name + "'");
    }

    /** {@code op} with field {@code name} set to {@code value}. */
    public static Op with(Op op, String name, Object value) {
        RecordComponent[] components = op.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            args[i] = read(c, op);
            if (c.getName().equals(name)) {
                args[i] = coerce(value, box(c.getType()));
                found = true;
            } else if (c.getType() == Padding.class && name.startsWith(c.getName() + ".")) {
                Padding p = (Padding) args[i];
                int[] s = {p.top(), p.bottom(), p.left(), p.right()};
                String side = name.substring(c.getName().length() + 1);
                for (int k = 0; k < 4; k++) {
                    if (SIDES[k].equals(side)) {
                        s[k] = (Integer) coerce(value, Integer.class);
                        found = true;
                    }
                }
                args[i] = new Padding(s[0], s[1], s[2], s[3]);
            }
        }
        if (!found) {
            throw new IllegalArgumentException(op.kind() + " has no field '" + name + "'");
        }
        try {
            Constructor<?> ctor = op.getClass().getDeclaredConstructor(types);
            return (Op) ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), cause);
        }
    }

    private static Object read(RecordComponent c, Op op) {
        try {
            return c.getAccessor().invoke(op);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object coerce(Object value, Class<?> type) {
        if (type == Integer.class && value instanceof Number n) {
            return n.intValue();
        }
        if (type == Double.class && value instanceof Number n) {
            return n.doubleValue();
        }
        if (type.isInstance(value)) {
            return value;
        }
        if (value instanceof String s) {
            if (type == Integer.class) {
                return Integer.parseInt(s.trim());
            }
            if (type == Double.class) {
                return Double.parseDouble(s.trim());
            }
            if (type == Boolean.class) {
                return Boolean.parseBoolean(s.trim());
            }
        }
        throw new IllegalArgumentException("expected " + type.getSimpleName() + ", got " + value);
    }

    private static Class<?> box(Class<?> t) {
        if (t == int.class) {
            return Integer.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == boolean.class) {
            return Boolean.class;
        }
        return t;
    }
}
