package dev.twine.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Equality and printing for frame records, which a record's own {@code equals} and
 * {@code toString} get wrong as soon as a component is a {@code byte[]} (compared by identity,
 * printed as {@code [B@1b6d3586}). Components are compared by value all the way down: arrays by
 * content, records component by component, lists element by element.
 */
public final class Frames {

    /** Each record class's component accessors, looked up once: the round trips compare many frames. */
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        }
    };

    private Frames() {}

    /** Whether {@code a} and {@code b} are equal by value, {@code byte[]} components included. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Record && b != null && a.getClass() == b.getClass()) {
            for (Method accessor : ACCESSORS.get(a.getClass())) {
                if (!equal(value(accessor, a), value(accessor, b))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** {@code value} as a record's {@code toString} would print it, with arrays in hex. */
    public static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "[" + Hex.of(bytes) + "]";
        }
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof Record) {
            Method[] accessors = ACCESSORS.get(value.getClass());
            StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('[');
            for (int i = 0; i < accessors.length; i++) {
                out.append(i == 0 ? "" : ", ").append(accessors[i].getName()).append('=')
                        .append(describe(value(accessors[i], value)));
            }
            return out.append(']').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Frames::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    public static void assertFrameEquals(Object expected, Object actual, String context) {
        if (!equal(expected, actual)) {
            fail(context + "\nexpected: " + describe(expected) + "\n but was: " + describe(actual));
        }
    }

    /** Fails at the first frame that differs, naming its index. */
    public static void assertFramesEqual(List<?> expected, List<?> actual, String context) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertFrameEquals(expected.get(i), actual.get(i), context + ": frame " + i + " differs");
        }
        if (expected.size() != actual.size()) {
            fail(context + ": " + expected.size() + " frames expected, " + actual.size() + " decoded");
        }
    }

    private static Object value(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot call " + accessor, e);
        }
    }
}
