package dev.twine.it.support;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Byte vectors written out by hand, the way specifications print them: pairs of hex digits,
 * separated by spaces, with {@code |} between fields where that helps the reader.
 *
 * <pre>{@code
 * Hex.bytes("82 0e | 00 0a | 00 03 61 2f 62 01")
 * }</pre>
 */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ");

    private Hex() {}

    /** The bytes {@code hex} spells; whitespace and {@code |} are ignored. */
    public static byte[] bytes(String hex) {
        String digits = hex.replaceAll("[\\s|]", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("an odd number of hex digits in \"" + hex + "\"");
        }
        return HexFormat.of().parseHex(digits);
    }

    /** {@code bytes} as space-separated pairs of lower-case hex digits. */
    public static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** {@code count} bytes of {@code value}: a long field in a vector, without writing it out. */
    public static byte[] repeat(int count, int value) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** The concatenation of {@code parts}: a stream of several frames. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
