package dev.twine.framing;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The byte-level helpers generated code calls: integers of any width and order, varints, strings,
 * and the checks that keep a length from the wire from reaching an allocation unchecked.
 *
 * <p>Reads are relative: they start at the buffer's position and advance it past what they read.
 * A read of a fixed length that would cross the limit throws {@link BufferUnderflowException}
 * before consuming or allocating anything, which {@link HeaderFramer} reports as a frame too short
 * for its layout; a varint or terminator that does not end before the limit is a
 * {@link CorruptFrameException}. A buffer's own {@link ByteBuffer#order() order} is never
 * changed: each call says which order it means.
 *
 * <p>Strings are written the way {@link String#getBytes(Charset) String.getBytes(UTF_8)} writes
 * them — an unpaired surrogate becomes {@code '?'} — so that {@link #utf8Length} is exact.
 */
public final class Wire {

    /** The largest value an MQTT variable byte integer holds: four bytes of seven bits. */
    public static final long MQTT_VARINT_MAX = 268_435_455;

    private Wire() {}

    // ---- integers

    /**
     * Reads an unsigned integer of {@code width} bytes (1 to 8). An 8-byte value with its top bit
     * set comes back negative: compare it with {@link Long#compareUnsigned}.
     */
    public static long getUnsigned(ByteBuffer b, int width, boolean bigEndian) {
        final int at = b.position();
        need(b, width);
        final long value = unsignedAt(b, at, width, bigEndian);
        b.position(at + width);
        return value;
    }

    /** Reads a two's-complement integer of {@code width} bytes (1 to 8), sign-extended. */
    public static long getSigned(ByteBuffer b, int width, boolean bigEndian) {
        final int unused = 64 - 8 * width;
        return getUnsigned(b, width, bigEndian) << unused >> unused;
    }

    /**
     * Writes the low {@code width} bytes (1 to 8) of {@code value}; whether they hold all of it is
     * {@link #checkFits}'s business.
     *
     * @throws BufferOverflowException if fewer than {@code width} bytes remain; nothing is written
     */
    public static void putInteger(ByteBuffer b, long value, int width, boolean bigEndian) {
        final boolean swap = (b.order() == ByteOrder.BIG_ENDIAN) != bigEndian;
        switch (width) {
            case 1 -> b.put((byte) value);
            case 2 -> b.putShort(swap ? Short.reverseBytes((short) value) : (short) value);
            case 4 -> b.putInt(swap ? Integer.reverseBytes((int) value) : (int) value);
            case 8 -> b.putLong(swap ? Long.reverseBytes(value) : value);
            default -> {
                checkWidth(width);
                if (b.remaining() < width) {
                    throw new BufferOverflowException();
                }
                for (int i = 0; i < width; i++) {
                    final int shift = 8 * (bigEndian ? width - 1 - i : i);
                    b.put((byte) (value >>> shift));
                }
            }
        }
    }

    /**
     * @throws IllegalArgumentException if {@code value} does not fit {@code width} bytes (1 to 8),
     *     read as unsigned or as two's complement; {@code what} names it in the message. Any long
     *     fits 8 bytes: unsigned, a negative long stands for a value of 2<sup>63</sup> or more.
     */
    public static void checkFits(long value, int width, boolean unsigned, String what) {
        checkWidth(width);
        if (width == 8) {
            return;
        }
        final int bits = 8 * width;
        final boolean fits = unsigned ? value >>> bits == 0 : value >> (bits - 1) == value >> 63;
        if (!fits) {
            throw new IllegalArgumentException(what + " " + value + " does not fit " + width
                    + (unsigned ? " unsigned" : " signed") + " byte" + (width == 1 ? "" : "s"));
        }
    }

    /**
     * The unsigned integer of {@code width} bytes at absolute {@code index}; the position does not
     * move. The one piece of code behind every integer read here and in {@link FrameHeader}.
     */
    static long unsignedAt(ByteBuffer b, int index, int width, boolean bigEndian) {
        final boolean swap = (b.order() == ByteOrder.BIG_ENDIAN) != bigEndian;
        return switch (width) {
            case 1 -> b.get(index) & 0xFFL;
            case 2 -> {
                final short s = b.getShort(index);
                yield (swap ? Short.reverseBytes(s) : s) & 0xFFFFL;
            }
            case 4 -> {
                final int i = b.getInt(index);
                yield (swap ? Integer.reverseBytes(i) : i) & 0xFFFF_FFFFL;
            }
            case 8 -> {
                final long l = b.getLong(index);
                yield swap ? Long.reverseBytes(l) : l;
            }
            default -> {
                checkWidth(width);
                long value = 0;
                for (int k = 0; k < width; k++) {
                    final long octet = b.get(index + k) & 0xFFL;
                    value |= octet << (8 * (bigEndian ? width - 1 - k : k));
                }
                yield value;
            }
        };
    }

    private static void checkWidth(int width) {
        if (width < 1 || width > 8) {
            throw new IllegalArgumentException("an integer is 1 to 8 bytes wide, not " + width);
        }
    }

    // ---- varints

    /**
     * Reads an unsigned varint: seven bits per byte, least significant group first, the top bit set
     * on every byte but the last. {@code mqtt} limits it to MQTT's four bytes; otherwise it is
     * LEB128, at most ten bytes and 64 bits (a value of 2<sup>63</sup> or more comes back negative).
     *
     * @throws CorruptFrameException if it runs past the limit or past its longest form
     */
    public static long getVarint(ByteBuffer b, boolean mqtt) {
        final String what = mqtt ? "an MQTT varint" : "a LEB128 varint";
        long value = 0;
        for (int index = 0; ; index++) {
            if (!b.hasRemaining()) {
                throw new CorruptFrameException(what + " runs past the end of the frame");
            }
            final byte octet = b.get();
            value = addVarintByte(value, index, octet, mqtt, what);
            if (octet >= 0) {
                return value;
            }
        }
    }

    /**
     * Writes {@code value} as a varint in {@link #varintSize} bytes; for LEB128 it is unsigned, so a
     * negative value takes ten bytes.
     *
     * @throws IllegalArgumentException for MQTT, if {@code value} is negative or over
     *     {@value #MQTT_VARINT_MAX}; nothing is written then
     */
    public static void putVarint(ByteBuffer b, long value, boolean mqtt) {
        checkVarint(value, mqtt);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            b.put((byte) (rest | 0x80));
            rest >>>= 7;
        }
        b.put((byte) rest);
    }

    /**
     * How many bytes {@link #putVarint} writes for {@code value}: one per started group of seven
     * bits, at least one.
     *
     * @throws IllegalArgumentException as {@link #putVarint} does
     */
    public static int varintSize(long value, boolean mqtt) {
        checkVarint(value, mqtt);
        return (64 - Long.numberOfLeadingZeros(value | 1) + 6) / 7;
    }

    private static void checkVarint(long value, boolean mqtt) {
        if (mqtt && (value < 0 || value > MQTT_VARINT_MAX)) {
            throw new IllegalArgumentException(
                    "an MQTT varint holds 0 to " + MQTT_VARINT_MAX + ", not " + value);
        }
    }

    /**
     * Adds byte number {@code index} (from 0) of a varint to the {@code value} of the bytes before
     * it. Shared by {@link #getVarint} and a header's varint length, which arrives a byte at a time.
     *
     * @throws CorruptFrameException if the byte continues the varint past its longest form, or
     *     carries bits past the 64th; {@code what} names the varint in the message
     */
    static long addVarintByte(long value, int index, byte octet, boolean mqtt, String what) {
        final int longest = mqtt ? 4 : 10;
        if (index == longest - 1 && octet < 0) {
            throw new CorruptFrameException(what + " does not end within " + longest + " bytes");
        }
        // The tenth LEB128 byte carries bit 63 alone.
        if (index == 9 && octet > 1) {
            throw new CorruptFrameException(what + " is over 64 bits");
        }
        return value | (octet & 0x7FL) << (7 * index);
    }

    // ---- lengths and bytes

    /**
     * A length read from the wire, or computed from fields ({@code bodyLength - keyLength}), made
     * safe to allocate: it must be between 0 and what remains of the frame.
     *
     * @return {@code length} as an int
     * @throws CorruptFrameException otherwise, naming {@code what}
     */
    public static int checkLength(long length, ByteBuffer frame, String what) {
        if (length < 0 || length > frame.remaining()) {
            throw new CorruptFrameException(what + " of " + length + " bytes does not fit the "
                    + frame.remaining() + " bytes left in the frame");
        }
        return (int) length;
    }

    /** Reads {@code length} bytes into a new array. */
    public static byte[] getBytes(ByteBuffer b, int length) {
        need(b, length);
        final byte[] bytes = new byte[length];
        b.get(bytes);
        return bytes;
    }

    /**
     * The distance from the position to the first {@code terminator} byte before the limit; the
     * position does not move.
     *
     * @throws CorruptFrameException if there is none, naming {@code what}
     */
    public static int terminatorIndex(ByteBuffer b, byte terminator, String what) {
        final int start = b.position();
        final int limit = b.limit();
        for (int i = start; i < limit; i++) {
            if (b.get(i) == terminator) {
                return i - start;
            }
        }
        throw new CorruptFrameException(String.format("%s has no terminator 0x%02x in the %d byte%s left"
                + " in the frame", what, terminator, limit - start, limit - start == 1 ? "" : "s"));
    }

    /** Throws the underflow before anything is consumed or allocated. */
    private static void need(ByteBuffer b, int length) {
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
    }

    // ---- strings

    /** Reads {@code length} bytes of UTF-8; malformed input becomes U+FFFD, as {@link String} does. */
    public static String getUtf8(ByteBuffer b, int length) {
        return decode(b, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code length} bytes of ASCII.
     *
     * @throws CorruptFrameException at the first byte over 0x7F, before consuming anything, naming
     *     {@code what}
     */
    public static String getAscii(ByteBuffer b, int length, String what) {
        need(b, length);
        final byte[] bytes;
        final int offset;
        final int start = b.position();
        if (b.hasArray()) {
            bytes = b.array();
            offset = b.arrayOffset() + start;
        } else {
            bytes = new byte[length];
            b.get(start, bytes);
            offset = 0;
        }
        // The JDK decodes ASCII with an intrinsic, and turns each byte over 0x7F into U+FFFD — which
        // a string of ASCII cannot otherwise contain, and which a Latin-1 string rules out at once.
        final String s = new String(bytes, offset, length, StandardCharsets.US_ASCII);
        if (s.indexOf('\uFFFD') >= 0) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] < 0) {
                    throw new CorruptFrameException(String.format(
                            "%s: byte 0x%02x, %d bytes in, is not ASCII", what, bytes[i], i - offset));
                }
            }
        }
        b.position(start + length);
        return s;
    }

    /**
     * Reads a fixed-length string of {@code length} bytes, dropping the zero bytes that pad its end
     * (zeros inside it stay), and consumes all {@code length}. {@code what} names it in errors.
     */
    public static String getPaddedString(ByteBuffer b, int length, boolean ascii, String what) {
        need(b, length);
        final int start = b.position();
        int end = start + length;
        while (end > start && b.get(end - 1) == 0) {
            end--;
        }
        final String s = ascii ? getAscii(b, end - start, what) : getUtf8(b, end - start);
        b.position(start + length);
        return s;
    }

    private static String decode(ByteBuffer b, int length, Charset charset) {
        need(b, length);
        if (!b.hasArray()) {
            return new String(getBytes(b, length), charset);
        }
        final int start = b.position();
        b.position(start + length);
        return new String(b.array(), b.arrayOffset() + start, length, charset);
    }

    /**
     * The exact number of bytes {@code s} takes in UTF-8: 1 to 3 per char, 4 per surrogate pair,
     * and 1 for an unpaired surrogate, which is written as {@code '?'}.
     *
     * @throws IllegalArgumentException if that is over {@link Integer#MAX_VALUE}
     */
    public static int utf8Length(CharSequence s) {
        final int chars = s.length();
        long bytes = chars;
        for (int i = 0; i < chars; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // four bytes for the two chars of the pair
                i++;
            }
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a string of " + bytes + " UTF-8 bytes");
        }
        return (int) bytes;
    }

    /** Writes {@code s} as UTF-8: {@link #utf8Length} bytes, with no intermediate array. */
    public static void putUtf8(ByteBuffer b, String s) {
        final int chars = s.length();
        for (int i = 0; i < chars; i++) {
            final char c = s.charAt(i);
            if (c < 0x80) {
                b.put((byte) c);
            } else if (c < 0x800) {
                b.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F))
                        .put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                b.put((byte) (0xF0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3F))
                        .put((byte) (0x80 | cp >> 6 & 0x3F)).put((byte) (0x80 | cp & 0x3F));
            } else {
                b.put((byte) '?');
            }
        }
    }

    /**
     * Writes {@code s}, one byte per char.
     *
     * @throws IllegalArgumentException if a char is over 0x7F; nothing is written then
     */
    public static void putAscii(ByteBuffer b, String s) {
        checkAscii(s);
        for (int i = 0; i < s.length(); i++) {
            b.put((byte) s.charAt(i));
        }
    }

    /**
     * Writes {@code s} (ASCII or UTF-8) in exactly {@code length} bytes, padding its end with zero
     * bytes — what {@link #getPaddedString} reads back.
     *
     * @throws IllegalArgumentException if {@code s} is longer than {@code length} bytes, or not
     *     ASCII when {@code ascii}; nothing is written then
     */
    public static void putPadded(ByteBuffer b, String s, int length, boolean ascii) {
        final int size = ascii ? checkAscii(s) : utf8Length(s);
        if (size > length) {
            throw new IllegalArgumentException(
                    "\"" + s + "\" takes " + size + " bytes, more than its fixed " + length);
        }
        if (ascii) {
            putAscii(b, s);
        } else {
            putUtf8(b, s);
        }
        for (int i = size; i < length; i++) {
            b.put((byte) 0);
        }
    }

    // ---- checks encoders make before writing anything

    /**
     * Returns {@code s}'s length in bytes, all of them ASCII.
     *
     * @throws IllegalArgumentException if a char is not ASCII, naming {@code what}
     */
    public static int checkAscii(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                throw new IllegalArgumentException(String.format(
                        "%s: char U+%04X at %d of \"%s\" is not ASCII", what, (int) s.charAt(i), i, s));
            }
        }
        return s.length();
    }

    private static int checkAscii(String s) {
        return checkAscii(s, "a string");
    }

    /**
     * A decoded varint narrowed to a Java type: {@code value} as read (negative when 2<sup>63</sup>
     * or more), which must be between 0 and {@code max}.
     *
     * @throws CorruptFrameException otherwise, naming {@code what}
     */
    public static long atMost(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw new CorruptFrameException(what + " of " + Long.toUnsignedString(value)
                    + " is over its largest value, " + max);
        }
        return value;
    }

    /**
     * An element count from the wire, made safe to allocate a list for: elements of at least
     * {@code minElementSize} bytes (1 or more) must all fit in what remains of the frame.
     *
     * @return {@code count} as an int
     * @throws CorruptFrameException otherwise, naming {@code what}
     */
    public static int checkCount(long count, ByteBuffer frame, int minElementSize, String what) {
        if (count < 0 || count > frame.remaining() / Math.max(1, minElementSize)) {
            throw new CorruptFrameException(what + " of " + Long.toUnsignedString(count) + " elements of "
                    + minElementSize + "+ bytes cannot fit the " + frame.remaining()
                    + " bytes left in the frame");
        }
        return (int) count;
    }

    /**
     * @throws IllegalArgumentException if {@code value} is negative, or over
     *     {@link #MQTT_VARINT_MAX} for an MQTT varint: varints here carry non-negative values
     */
    public static void checkVarint(long value, boolean mqtt, String what) {
        if (value < 0 || mqtt && value > MQTT_VARINT_MAX) {
            throw new IllegalArgumentException(what + " " + value + " is not a "
                    + (mqtt ? "MQTT varint (0 to " + MQTT_VARINT_MAX + ")" : "non-negative varint"));
        }
    }

    /** @throws IllegalArgumentException if {@code value} is over {@code max}, naming {@code what} */
    public static void checkAtMost(long value, long max, String what) {
        if (value > max) {
            throw new IllegalArgumentException(what + " is " + value + ", over its maximum of " + max);
        }
    }

    /** @throws IllegalArgumentException unless {@code length} is exactly {@code fixed} */
    public static void checkExactLength(int length, int fixed, String what) {
        if (length != fixed) {
            throw new IllegalArgumentException(what + " must be exactly " + fixed + " bytes, not " + length);
        }
    }

    /**
     * @throws IllegalArgumentException unless {@code actual} equals what the earlier field
     *     {@code field} declares ({@code declared}): a size an encoder cannot fill in itself
     */
    public static void checkAgrees(long actual, long declared, String what, String field) {
        if (actual != declared) {
            throw new IllegalArgumentException(what + " is " + actual + ", but " + field + " says "
                    + declared);
        }
    }

    /** @throws IllegalArgumentException if {@code value} contains {@code terminator} */
    public static void checkNoTerminator(byte[] value, byte terminator, String what) {
        for (int i = 0; i < value.length; i++) {
            if (value[i] == terminator) {
                throw new IllegalArgumentException(what + " contains its terminator 0x"
                        + Integer.toHexString(terminator & 0xFF) + " at index " + i);
            }
        }
    }

    /**
     * @throws IllegalArgumentException if {@code value} contains {@code terminator}, an ASCII byte
     *     (which in UTF-8 occurs only as that character)
     */
    public static void checkNoTerminator(String value, byte terminator, String what) {
        final int at = value.indexOf((char) terminator);
        if (at >= 0) {
            throw new IllegalArgumentException(what + " contains its terminator 0x"
                    + Integer.toHexString(terminator & 0xFF) + " at index " + at);
        }
    }

    /** @throws NullPointerException naming {@code what} if an element of {@code list} is null */
    public static void checkNoNulls(java.util.List<?> list, String what) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(what + " has a null element at index " + i);
            }
        }
    }

    /**
     * A frame's size, computed in {@code long} so that no sum of field sizes wraps.
     *
     * @throws IllegalArgumentException if it is over {@link PartialFrame#MAX_LENGTH}
     */
    public static int toSize(long size, String what) {
        if (size > PartialFrame.MAX_LENGTH) {
            throw new IllegalArgumentException(what + " would take " + size + " bytes, more than a frame can");
        }
        return (int) size;
    }

    /** @throws IllegalArgumentException if {@code out} has less than {@code size} bytes of room */
    public static void checkRoom(ByteBuffer out, int size, String what) {
        if (out.remaining() < size) {
            throw new IllegalArgumentException(what + " takes " + size + " bytes; the buffer has room for "
                    + out.remaining());
        }
    }
}
