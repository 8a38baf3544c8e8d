package dev.twine.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.twine.processor.model.ComponentModel;
import dev.twine.processor.model.Condition;
import dev.twine.processor.model.Encoding;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a record's components are called in the code being generated — a local variable on the
 * reading side, an accessor expression on the writing side — so that a {@code @LengthFrom},
 * {@code @CountFrom} or {@code @PresentIf} path ({@code flags}, {@code header.flags}) can be
 * resolved to it.
 */
final class Scope {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> booleans = new HashSet<>();
    /** Components whose Java value is an unsigned number's bit pattern, with the box that widens it. */
    private final Map<String, String> unsignedBoxes = new HashMap<>();
    /** Components that are a {@code long} already. */
    private final Set<String> longs = new HashSet<>();
    private final Map<String, Scope> nested = new HashMap<>();

    /**
     * A local's name for the component at {@code path}: the path in camel case, so that the
     * components of two nested records keep apart ({@code origin.x} is {@code originX}).
     */
    static String camel(String path) {
        StringBuilder name = new StringBuilder(path.length());
        boolean upper = false;
        for (char c : path.toCharArray()) {
            if (c == '.') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** Records that component {@code name} is {@code code}. */
    void put(String name, String code, ComponentModel component) {
        values.put(name, code);
        if (component.encoding() instanceof Encoding.Scalar scalar) {
            if (scalar.kind() == Encoding.ScalarKind.BOOLEAN) {
                booleans.add(name);
            } else if (scalar.primitive().equals(TypeName.LONG)) {
                longs.add(name);
            } else if (scalar.kind() == Encoding.ScalarKind.INTEGER && scalar.unsigned()
                    && !scalar.isVarint() && 8 * scalar.width() == scalar.typeBits() && scalar.width() < 8) {
                unsignedBoxes.put(name, scalar.width() == 1 ? "Byte" : scalar.width() == 2 ? "Short" : "Integer");
            }
        }
    }

    /** Records the scope of nested record component {@code name}. */
    void putNested(String name, Scope scope) {
        nested.put(name, scope);
    }

    /** What {@code path} is called here; validation has made sure it exists. */
    String resolve(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return values.get(path);
        }
        return nested.get(path.substring(0, dot)).resolve(path.substring(dot + 1));
    }

    /**
     * {@code path}'s value as a {@code long} for length arithmetic: an unsigned {@code byte},
     * {@code short} or {@code int} widened without its sign ({@code Short.toUnsignedLong(...)}).
     */
    String resolveLong(String path) {
        int dot = path.indexOf('.');
        if (dot >= 0) {
            return nested.get(path.substring(0, dot)).resolveLong(path.substring(dot + 1));
        }
        String box = unsignedBoxes.get(path);
        if (box != null) {
            return box + ".toUnsignedLong(" + values.get(path) + ")";
        }
        return longs.contains(path) ? values.get(path) : "(long) " + values.get(path);
    }

    /** The Java test of {@code condition}, with its field as it is called here. */
    CodeBlock test(Condition condition) {
        String field = resolve(condition.field());
        if (isBoolean(condition.field())) {
            return CodeBlock.of("$L", field);
        }
        if (condition.testsBits()) {
            return CodeBlock.of("($L & 0x$LL) != 0", field, Long.toHexString(condition.mask()));
        }
        return CodeBlock.of("$L == $LL", resolveLong(condition.field()), condition.equals());
    }

    /** Whether {@code path} is a boolean component (a condition then tests it as it is). */
    boolean isBoolean(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return booleans.contains(path);
        }
        return nested.get(path.substring(0, dot)).isBoolean(path.substring(dot + 1));
    }
}
