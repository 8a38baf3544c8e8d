package dev.twine.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.twine.processor.model.Encoding.Scalar;
import dev.twine.processor.model.Encoding.ScalarKind;
import dev.twine.processor.model.EnumModel;
import dev.twine.processor.model.ProtocolModel;
import dev.twine.processor.model.VarintKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The expressions that read and write one scalar — through {@code ByteBuffer}'s own accessors for
 * the natural widths, and the runtime's {@code Wire} for the others — never changing the buffer's
 * byte order, which belongs to the caller.
 */
final class ScalarCode {

    private ScalarCode() {}

    /**
     * An expression of the scalar's primitive type that reads it from {@code buffer};
     * {@code protocol} names the helper an enum is read through.
     */
    static CodeBlock read(Scalar scalar, String buffer, String what, ProtocolModel protocol) {
        TypeName primitive = scalar.primitive();
        switch (scalar.kind()) {
            case BOOLEAN:
                return CodeBlock.of("$N.get() != 0", buffer);
            case FLOAT:
                return CodeBlock.of("$T.intBitsToFloat($L)", Float.class, raw(4, scalar.bigEndian(), buffer));
            case DOUBLE:
                return CodeBlock.of("$T.longBitsToDouble($L)", Double.class, raw(8, scalar.bigEndian(), buffer));
            case ENUM:
                return CodeBlock.of("$N($L, $S)", enumFromCode(protocol, scalar.enumType()), code(scalar, buffer),
                        what);
            default:
                break;
        }
        if (scalar.isVarint()) {
            CodeBlock varint = CodeBlock.of("$T.getVarint($N, $L)", RuntimeTypes.WIRE, buffer,
                    scalar.varint().isMqtt());
            return primitive.equals(TypeName.LONG) ? varint
                    : CodeBlock.of("(int) $T.atMost($L, $T.MAX_VALUE, $S)", RuntimeTypes.WIRE, varint,
                            Integer.class, what);
        }
        int width = scalar.width();
        int bits = scalar.typeBits();
        CodeBlock raw = raw(width, scalar.bigEndian(), buffer);
        if (raw == null) {
            CodeBlock wide = CodeBlock.of("$T.$N($N, $L, $L)", RuntimeTypes.WIRE,
                    scalar.unsigned() ? "getUnsigned" : "getSigned", buffer, width, scalar.bigEndian());
            return primitive.equals(TypeName.LONG) ? wide : CodeBlock.of("($T) $L", primitive, wide);
        }
        if (8 * width == bits) {
            return raw; // natural width; an unsigned one keeps the bit pattern
        }
        if (!scalar.unsigned()) {
            return CodeBlock.of("($T) $L", primitive, raw);
        }
        Class<?> box = box(width);
        if (bits == 64) {
            return CodeBlock.of("$T.toUnsignedLong($L)", box, raw);
        }
        CodeBlock asInt = CodeBlock.of("$T.toUnsignedInt($L)", box, raw);
        return bits == 32 ? asInt : CodeBlock.of("($T) $L", primitive, asInt);
    }

    /** An unsigned integer of {@code width} bytes held in a {@code long}: a prefix or header field. */
    static Scalar unsignedLong(int width, boolean bigEndian) {
        return new Scalar(ScalarKind.INTEGER, TypeName.LONG, width, true, bigEndian, VarintKind.NONE, null);
    }

    /** An unsigned integer of {@code width} bytes held in an {@code int}: a size being written. */
    static Scalar unsignedInt(int width, boolean bigEndian) {
        return new Scalar(ScalarKind.INTEGER, TypeName.INT, width, true, bigEndian, VarintKind.NONE, null);
    }

    /**
     * A literal of {@code value} typed for a {@code width}-byte put, so that no cast is redundant:
     * {@code (byte) 0x80}, {@code (short) 1}, {@code 1}, {@code 1L}.
     */
    static CodeBlock literal(int width, long value) {
        String hex = value > 9 ? "0x" + Long.toHexString(value) : String.valueOf(value);
        switch (width) {
            case 1:
                return CodeBlock.of("(byte) $L", hex);
            case 2:
                return CodeBlock.of("(short) $L", hex);
            case 4:
                return value <= Integer.MAX_VALUE ? CodeBlock.of("$L", hex) : CodeBlock.of("(int) $LL", hex);
            default:
                return CodeBlock.of("$LL", hex);
        }
    }

    /** Writes the constant {@code value} as a {@code width}-byte unsigned integer. */
    static CodeBlock putConstant(int width, boolean bigEndian, String buffer, long value) {
        CodeBlock literal = literal(width, value);
        return width == 1 || width == 2 || width == 4 || width == 8
                ? putRaw(width, bigEndian, buffer, literal, true)
                : putRaw(width, bigEndian, buffer, CodeBlock.of("$LL", value), true);
    }

    /** The enum's wire code as an {@code int} (its bit pattern when 4 bytes wide). */
    private static CodeBlock code(Scalar scalar, String buffer) {
        switch (scalar.width()) {
            case 1:
                return CodeBlock.of("$T.toUnsignedInt($N.get())", Byte.class, buffer);
            case 2:
                return CodeBlock.of("$T.toUnsignedInt($L)", Short.class, raw(2, scalar.bigEndian(), buffer));
            case 4:
                return raw(4, scalar.bigEndian(), buffer);
            default:
                return CodeBlock.of("(int) $T.getUnsigned($N, $L, $L)", RuntimeTypes.WIRE, buffer,
                        scalar.width(), scalar.bigEndian());
        }
    }

    /**
     * A {@code long} expression for the unsigned integer of {@code width} bytes (1 to 8) at index
     * {@code start + offset} of {@code buffer}, which is big-endian; the position does not move.
     * An odd width is read as the natural widths it is made of, largest first — 7 bytes as an int,
     * a short and a byte — so that no width is left to look up at run time.
     */
    static CodeBlock unsignedAt(int width, boolean bigEndian, String buffer, String start, int offset) {
        List<CodeBlock> parts = new ArrayList<>();
        int done = 0;
        for (int part = 8; part >= 1; part /= 2) {
            if (width - done < part) {
                continue;
            }
            CodeBlock index = done + offset == 0 ? CodeBlock.of("$N", start)
                    : CodeBlock.of("$N + $L", start, done + offset);
            CodeBlock raw = raw(part, bigEndian, buffer, index);
            CodeBlock value = part == 8 ? raw : CodeBlock.of("$T.toUnsignedLong($L)", box(part), raw);
            // Big-endian, the first bytes are the most significant; little-endian, the least.
            int shift = 8 * (bigEndian ? width - done - part : done);
            parts.add(shift == 0 ? value : CodeBlock.of("($L << $L)", value, shift));
            done += part;
        }
        return CodeBlock.join(parts, " |$W");
    }

    private static Class<?> box(int width) {
        return width == 1 ? Byte.class : width == 2 ? Short.class : Integer.class;
    }

    /** The {@code ByteBuffer} read of a natural width, or {@code null} for 3, 5, 6 and 7. */
    private static CodeBlock raw(int width, boolean bigEndian, String buffer) {
        return raw(width, bigEndian, buffer, null);
    }

    /** {@link #raw(int, boolean, String)} at {@code index}, or relative when it is null. */
    private static CodeBlock raw(int width, boolean bigEndian, String buffer, CodeBlock index) {
        CodeBlock at = index == null ? CodeBlock.of("") : index;
        switch (width) {
            case 1:
                return CodeBlock.of("$N.get($L)", buffer, at);
            case 2:
                return bigEndian ? CodeBlock.of("$N.getShort($L)", buffer, at)
                        : CodeBlock.of("$T.reverseBytes($N.getShort($L))", Short.class, buffer, at);
            case 4:
                return bigEndian ? CodeBlock.of("$N.getInt($L)", buffer, at)
                        : CodeBlock.of("$T.reverseBytes($N.getInt($L))", Integer.class, buffer, at);
            case 8:
                return bigEndian ? CodeBlock.of("$N.getLong($L)", buffer, at)
                        : CodeBlock.of("$T.reverseBytes($N.getLong($L))", Long.class, buffer, at);
            default:
                return null;
        }
    }

    /**
     * A statement that writes {@code value} (of the scalar's primitive type) to {@code buffer};
     * {@code protocol} names the helper an enum is written through.
     */
    static CodeBlock put(Scalar scalar, String buffer, CodeBlock value, ProtocolModel protocol) {
        switch (scalar.kind()) {
            case BOOLEAN:
                return CodeBlock.of("$N.put((byte) ($L ? 1 : 0))", buffer, value);
            case FLOAT:
                return putRaw(4, scalar.bigEndian(), buffer,
                        CodeBlock.of("$T.floatToRawIntBits($L)", Float.class, value), true);
            case DOUBLE:
                return putRaw(8, scalar.bigEndian(), buffer,
                        CodeBlock.of("$T.doubleToRawLongBits($L)", Double.class, value), true);
            case ENUM:
                return putRaw(scalar.width(), scalar.bigEndian(), buffer,
                        CodeBlock.of("$N($L)", enumToCode(protocol, scalar.enumType()), value), scalar.width() == 4);
            default:
                break;
        }
        if (scalar.isVarint()) {
            return CodeBlock.of("$T.putVarint($N, $L, $L)", RuntimeTypes.WIRE, buffer, value,
                    scalar.varint().isMqtt());
        }
        return putRaw(scalar.width(), scalar.bigEndian(), buffer, value, 8 * scalar.width() == scalar.typeBits());
    }

    /** Writes {@code width} bytes; {@code exact} says {@code value} already has the width's type. */
    private static CodeBlock putRaw(int width, boolean bigEndian, String buffer, CodeBlock value,
            boolean exact) {
        switch (width) {
            case 1:
                return CodeBlock.of("$N.put($L)", buffer, exact ? value : CodeBlock.of("(byte) $L", value));
            case 2:
                return putReversible("putShort", Short.class, bigEndian, buffer,
                        exact ? value : CodeBlock.of("(short) $L", value));
            case 4:
                return putReversible("putInt", Integer.class, bigEndian, buffer,
                        exact ? value : CodeBlock.of("(int) $L", value));
            case 8:
                return putReversible("putLong", Long.class, bigEndian, buffer, value);
            default:
                return CodeBlock.of("$T.putInteger($N, $L, $L, $L)", RuntimeTypes.WIRE, buffer, value,
                        width, bigEndian);
        }
    }

    private static CodeBlock putReversible(String method, Class<?> box, boolean bigEndian, String buffer,
            CodeBlock value) {
        return bigEndian ? CodeBlock.of("$N.$N($L)", buffer, method, value)
                : CodeBlock.of("$N.$N($T.reverseBytes($L))", buffer, method, box, value);
    }

    /**
     * A statement checking that an integer value fits its narrower wire width, or {@code null}
     * when every value of its type fits.
     */
    static CodeBlock checkFits(Scalar scalar, CodeBlock value, String what) {
        if (scalar.kind() != ScalarKind.INTEGER) {
            return null;
        }
        if (scalar.isVarint()) {
            return scalar.primitive().equals(TypeName.INT) || scalar.varint().isMqtt()
                    ? CodeBlock.of("$T.checkVarint($L, $L, $S)", RuntimeTypes.WIRE, value,
                            scalar.varint().isMqtt(), what)
                    : null;
        }
        if (8 * scalar.width() == scalar.typeBits()) {
            return null;
        }
        return CodeBlock.of("$T.checkFits($L, $L, $L, $S)", RuntimeTypes.WIRE, value, scalar.width(),
                scalar.unsigned(), what);
    }

    /** The generated method turning a wire code into a constant of {@code type}. */
    static String enumFromCode(ProtocolModel protocol, EnumModel type) {
        return "to" + protocol.helperName(type.type());
    }

    /** The generated method turning a constant of {@code type} into its wire code. */
    static String enumToCode(ProtocolModel protocol, EnumModel type) {
        return "codeOf" + protocol.helperName(type.type());
    }

    /** The accessor call for a component's value, unboxed when its type is a box. */
    static CodeBlock unboxed(TypeName type, CodeBlock value) {
        if (!type.isBoxedPrimitive()) {
            return value;
        }
        return CodeBlock.of("$L.$NValue()", value, type.unbox().toString());
    }
}
