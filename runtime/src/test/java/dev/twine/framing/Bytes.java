package dev.twine.framing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Building test input by hand. ISO-8859-1 maps every byte to one char and back. */
final class Bytes {

    private Bytes() {}

    /** Bytes from ints, so that 0xFF needs no cast. */
    static byte[] of(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The remaining bytes of {@code buffer}, consuming them. */
    static String take(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return text(bytes);
    }

    static ByteBuffer buffer(String s) {
        return ByteBuffer.wrap(text(s));
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code length} bytes cycling through the printable ASCII range, with CR and LF sprinkled in. */
    static String pattern(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = i % 97 == 50 ? '\r' : i % 89 == 40 ? '\n' : (char) (' ' + i % 95);
        }
        return new String(chars);
    }

    static String repeat(char c, int count) {
        char[] chars = new char[count];
        Arrays.fill(chars, c);
        return new String(chars);
    }
}
