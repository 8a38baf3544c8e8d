package dev.twine.it.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A frame written out by what it holds: records component by component, byte arrays in hex,
 * lists element by element. Unlike a record's own {@code toString}, which prints an array's
 * identity, two frames holding the same values read the same.
 */
public final class FrameText {

    private FrameText() {}

    public static String of(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FrameText::of).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Record record) {
            StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(of(read(components[i], record)));
            }
            return text.append(']').toString();
        }
        return String.valueOf(value);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
