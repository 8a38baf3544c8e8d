package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireTest {

    // ---- integers

    private static final long[] SAMPLES = {
        0, 1, -1, 0x7F, 0x80, 0xFF, 0x0102_0304_0506_0708L, 0x8000_0000_0000_0000L, Long.MAX_VALUE,
        0xFEDC_BA98_7654_3210L, 0x0000_0080_0000_8000L,
    };

    /** Buffers of every kind the helpers must read alike, whatever their own order. */
    private static List<ByteBuffer> buffers(int capacity) {
        return List.of(
                ByteBuffer.allocate(capacity),
                ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN),
                ByteBuffer.allocateDirect(capacity),
                ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The low {@code width} bytes of {@code value} as the JDK writes a big-endian long. */
    private static byte[] expectedBytes(long value, int width, boolean bigEndian) {
        byte[] all = ByteBuffer.allocate(8).putLong(value).array();
        byte[] low = Arrays.copyOfRange(all, 8 - width, 8);
        if (!bigEndian) {
            for (int i = 0; i < width / 2; i++) {
                byte t = low[i];
                low[i] = low[width - 1 - i];
                low[width - 1 - i] = t;
            }
        }
        return low;
    }

    @Test
    void writesAndReadsEveryWidthOrderAndSignedness() {
        for (ByteBuffer b : buffers(16)) {
            ByteOrder order = b.order();
            for (int width = 1; width <= 8; width++) {
                for (boolean bigEndian : new boolean[] {true, false}) {
                    for (long value : SAMPLES) {
                        String where = "width " + width + (bigEndian ? " BE" : " LE") + " in a " + order
                                + (b.isDirect() ? " direct" : " heap") + " buffer, value " + Long.toHexString(value);
                        byte[] bigEndianBytes = expectedBytes(value, width, true);
                        b.clear().position(3);

                        Wire.putInteger(b, value, width, bigEndian);

                        assertEquals(3 + width, b.position(), where);
                        byte[] written = new byte[width];
                        b.get(3, written);
                        assertArrayEquals(expectedBytes(value, width, bigEndian), written, where);
                        b.position(3);
                        assertEquals(new BigInteger(1, bigEndianBytes).longValue(),
                                Wire.getUnsigned(b, width, bigEndian), where);
                        assertEquals(3 + width, b.position(), where);
                        b.position(3);
                        assertEquals(new BigInteger(bigEndianBytes).longValue(),
                                Wire.getSigned(b, width, bigEndian), where);
                        assertEquals(order, b.order(), "the buffer's order is left alone");
                    }
                }
            }
        }
    }

    @Test
    void readsKnownBytes() {
        ByteBuffer b = ByteBuffer.wrap(Bytes.of(0xFF, 0xFE, 0x01, 0x80, 0, 0, 0, 0, 0, 0, 0));

        assertEquals(0xFFFE01L, Wire.getUnsigned(b, 3, true));
        assertEquals(-128, Wire.getSigned(b.position(3), 1, true));
        assertEquals(0x80L, Wire.getUnsigned(b.position(3), 3, false));
        assertEquals(-257, Wire.getSigned(b.position(0), 2, false));
        assertEquals(0x01FEFFL, Wire.getUnsigned(b.position(0), 3, false));
        ByteBuffer allOnes = ByteBuffer.wrap(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
        assertEquals(-1L, Wire.getUnsigned(allOnes, 8, true),
                "an 8-byte unsigned value over 2^63 comes back negative");
        assertEquals(0xFFFF_FFFFL, Wire.getUnsigned(ByteBuffer.wrap(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF)), 4, true));
        assertEquals(-1L, Wire.getSigned(ByteBuffer.wrap(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF)), 5, true));
    }

    @Test
    void aReadPastTheLimitUnderflowsWithoutMoving() {
        for (int width = 1; width <= 8; width++) {
            ByteBuffer b = ByteBuffer.wrap(new byte[16], 2, width - 1);
            int w = width;

            assertThrows(BufferUnderflowException.class, () -> Wire.getUnsigned(b, w, true));
            assertEquals(2, b.position(), "width " + width);
        }
    }

    @Test
    void refusesWidthsOutsideOneToEight() {
        ByteBuffer b = ByteBuffer.allocate(16);

        assertThrows(IllegalArgumentException.class, () -> Wire.getUnsigned(b, 0, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.getUnsigned(b, 9, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.putInteger(b, 0, 9, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(0, 0, true, "x"));
    }

    @Test
    void checksThatAValueFitsItsField() {
        Wire.checkFits(255, 1, true, "flags");
        Wire.checkFits(0, 1, true, "flags");
        Wire.checkFits(-128, 1, false, "delta");
        Wire.checkFits(127, 1, false, "delta");
        Wire.checkFits(0xFFFF_FFFFL, 4, true, "size");
        Wire.checkFits(Integer.MIN_VALUE, 4, false, "offset");
        Wire.checkFits(-1, 8, true, "cas");
        Wire.checkFits(Long.MIN_VALUE, 8, false, "cas");

        var e = assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(256, 1, true, "flags"));
        assertEquals("flags 256 does not fit 1 unsigned byte", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(-1, 1, true, "flags"));
        assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(128, 1, false, "delta"));
        assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(-129, 1, false, "delta"));
        assertThrows(IllegalArgumentException.class, () -> Wire.checkFits(0x1_0000_0000L, 4, true, "size"));
        var signed = assertThrows(IllegalArgumentException.class,
                () -> Wire.checkFits(Integer.MAX_VALUE + 1L, 4, false, "offset"));
        assertEquals("offset 2147483648 does not fit 4 signed bytes", signed.getMessage());
    }

    // ---- varints

    static Stream<Arguments> varints() {
        return Stream.of(
                Arguments.of(0L, false, Bytes.of(0x00)),
                Arguments.of(1L, false, Bytes.of(0x01)),
                Arguments.of(127L, false, Bytes.of(0x7F)),
                Arguments.of(128L, false, Bytes.of(0x80, 0x01)),
                Arguments.of(300L, false, Bytes.of(0xAC, 0x02)),
                Arguments.of(16_383L, false, Bytes.of(0xFF, 0x7F)),
                Arguments.of(16_384L, false, Bytes.of(0x80, 0x80, 0x01)),
                Arguments.of(2_097_152L, false, Bytes.of(0x80, 0x80, 0x80, 0x01)),
                Arguments.of(Long.MAX_VALUE, false, Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)),
                Arguments.of(-1L, false, Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
                Arguments.of(Long.MIN_VALUE, false,
                        Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)),
                Arguments.of(0L, true, Bytes.of(0x00)),
                Arguments.of(127L, true, Bytes.of(0x7F)),
                Arguments.of(128L, true, Bytes.of(0x80, 0x01)),
                Arguments.of(16_383L, true, Bytes.of(0xFF, 0x7F)),
                Arguments.of(2_097_152L, true, Bytes.of(0x80, 0x80, 0x80, 0x01)),
                Arguments.of(268_435_455L, true, Bytes.of(0xFF, 0xFF, 0xFF, 0x7F)));
    }

    @ParameterizedTest
    @MethodSource("varints")
    void writesAndReadsKnownVarints(long value, boolean mqtt, byte[] encoded) {
        ByteBuffer out = ByteBuffer.allocate(16);

        Wire.putVarint(out, value, mqtt);

        assertArrayEquals(encoded, Arrays.copyOf(out.array(), out.position()));
        assertEquals(encoded.length, Wire.varintSize(value, mqtt));
        ByteBuffer in = ByteBuffer.wrap(Bytes.concat(encoded, Bytes.of(0x55)));
        assertEquals(value, Wire.getVarint(in, mqtt));
        assertEquals(encoded.length, in.position(), "stops after the last byte");
    }

    @Test
    void refusesAnMqttVarintOutOfRange() {
        ByteBuffer out = ByteBuffer.allocate(16);

        assertThrows(IllegalArgumentException.class, () -> Wire.putVarint(out, 268_435_456L, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.putVarint(out, -1, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.varintSize(268_435_456L, true));
        assertEquals(0, out.position(), "nothing written");
    }

    static Stream<Arguments> corruptVarints() {
        return Stream.of(
                Arguments.of(true, Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                        "an MQTT varint does not end within 4 bytes"),
                Arguments.of(false, Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
                        "a LEB128 varint does not end within 10 bytes"),
                Arguments.of(false, Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02),
                        "a LEB128 varint is over 64 bits"),
                Arguments.of(false, Bytes.of(0x80, 0x80), "a LEB128 varint runs past the end of the frame"),
                Arguments.of(true, Bytes.of(), "an MQTT varint runs past the end of the frame"));
    }

    @ParameterizedTest
    @MethodSource("corruptVarints")
    void aVarintPastItsLimitOrItsLongestFormIsCorrupt(boolean mqtt, byte[] bytes, String message) {
        var e = assertThrows(CorruptFrameException.class, () -> Wire.getVarint(ByteBuffer.wrap(bytes), mqtt));

        assertEquals(message, e.getMessage());
    }

    // ---- lengths and bytes

    @Test
    void checksALengthAgainstWhatRemainsOfTheFrame() {
        ByteBuffer frame = ByteBuffer.wrap(new byte[10], 4, 6);

        assertEquals(0, Wire.checkLength(0, frame, "key"));
        assertEquals(6, Wire.checkLength(6, frame, "key"));
        var over = assertThrows(CorruptFrameException.class, () -> Wire.checkLength(7, frame, "key"));
        assertEquals("key of 7 bytes does not fit the 6 bytes left in the frame", over.getMessage());
        var negative = assertThrows(CorruptFrameException.class, () -> Wire.checkLength(-1, frame, "value"));
        assertEquals("value of -1 bytes does not fit the 6 bytes left in the frame", negative.getMessage());
        assertThrows(CorruptFrameException.class, () -> Wire.checkLength(1L << 32, frame, "value"));
        assertEquals(4, frame.position(), "nothing consumed");
    }

    @Test
    void getBytesCopiesAndUnderflowsBeforeAllocating() {
        ByteBuffer b = ByteBuffer.wrap(Bytes.of(1, 2, 3, 4));

        assertArrayEquals(Bytes.of(1, 2, 3), Wire.getBytes(b, 3));
        assertEquals(3, b.position());
        assertThrows(BufferUnderflowException.class, () -> Wire.getBytes(b, Integer.MAX_VALUE));
        assertEquals(3, b.position());
    }

    @Test
    void findsATerminatorFromThePosition() {
        ByteBuffer b = ByteBuffer.wrap(Bytes.text("xkey\0rest\0"), 1, 9);

        assertEquals(3, Wire.terminatorIndex(b, (byte) 0, "Ping.name"));
        assertEquals(1, b.position(), "the position does not move");
        var e = assertThrows(CorruptFrameException.class,
                () -> Wire.terminatorIndex(ByteBuffer.wrap(Bytes.text("abc\0"), 0, 3), (byte) 0, "Ping.name"));
        assertEquals("Ping.name has no terminator 0x00 in the 3 bytes left in the frame", e.getMessage());
    }

    // ---- strings

    /** Strings whose UTF-8 is easy to get wrong, including unpaired surrogates. */
    static Stream<String> trickyStrings() {
        return Stream.of("", "abc", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\uffff", "\ud83d\ude00",
                "a\ud83d\ude00b", "\ud800", "\udc00", "\udc00\ud800", "abc\ud83d", "\ud83d\ud83d\ude00",
                "x\udbff\udfffy", "mixed \u00e9\u20ac\ud83d\ude00 and ascii", Bytes.pattern(500));
    }

    @ParameterizedTest
    @MethodSource("trickyStrings")
    void measuresAndWritesUtf8ExactlyAsTheJdkEncodesIt(String s) {
        byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(jdk.length + 4);

        Wire.putUtf8(out, s);

        assertEquals(jdk.length, Wire.utf8Length(s));
        assertEquals(jdk.length, Wire.utf8Length(new StringBuilder(s)));
        assertArrayEquals(jdk, Arrays.copyOf(out.array(), out.position()));
    }

    @Test
    void readsUtf8FromHeapSlicesAndDirectBuffers() {
        byte[] utf8 = "h\u00e9llo \ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        ByteBuffer framed = ByteBuffer.wrap(Bytes.concat(Bytes.of(9, 9), utf8, Bytes.of(9)));
        ByteBuffer slice = framed.position(2).slice(); // arrayOffset 2
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length + 1).put(utf8).put((byte) 9).flip();

        for (ByteBuffer b : List.of(slice, direct)) {
            assertEquals("h\u00e9llo \ud83d\ude00", Wire.getUtf8(b, utf8.length));
            assertEquals(utf8.length, b.position());
            assertThrows(BufferUnderflowException.class, () -> Wire.getUtf8(b, 2));
        }
    }

    @Test
    void readsAsciiAndRefusesAnythingElse() {
        ByteBuffer b = ByteBuffer.wrap(Bytes.of('k', 'e', 'y', 0xC3, 0xA9));

        assertEquals("key", Wire.getAscii(b, 3, "Get.key"));
        var e = assertThrows(CorruptFrameException.class, () -> Wire.getAscii(b, 2, "Get.key"));
        assertEquals("Get.key: byte 0xc3, 0 bytes in, is not ASCII", e.getMessage());
        assertEquals(3, b.position(), "nothing consumed");
    }

    @Test
    void readsAPaddedStringDroppingOnlyTrailingZeros() {
        assertEquals("ab", Wire.getPaddedString(ByteBuffer.wrap(Bytes.of('a', 'b', 0, 0)), 4, true, "code"));
        assertEquals("a\0b", Wire.getPaddedString(ByteBuffer.wrap(Bytes.of('a', 0, 'b', 0)), 4, true, "code"));
        assertEquals("", Wire.getPaddedString(ByteBuffer.wrap(Bytes.of(0, 0, 0)), 3, false, "code"));
        assertEquals("\u00e9", Wire.getPaddedString(ByteBuffer.wrap(Bytes.of(0xC3, 0xA9, 0)), 3, false, "code"));
        ByteBuffer b = ByteBuffer.wrap(Bytes.of('a', 0, 0, 'z'));
        Wire.getPaddedString(b, 3, true, "code");
        assertEquals(3, b.position(), "consumes the whole fixed length");
        assertThrows(CorruptFrameException.class,
                () -> Wire.getPaddedString(ByteBuffer.wrap(Bytes.of(0xC3, 0xA9, 0)), 3, true, "code"));
        assertThrows(BufferUnderflowException.class,
                () -> Wire.getPaddedString(ByteBuffer.wrap(Bytes.of('a')), 2, true, "code"));
    }

    @Test
    void writesAsciiOrRefusesWithoutWritingAnything() {
        ByteBuffer out = ByteBuffer.allocate(8);

        Wire.putAscii(out, "key");
        assertArrayEquals(Bytes.text("key"), Arrays.copyOf(out.array(), out.position()));
        var e = assertThrows(IllegalArgumentException.class, () -> Wire.putAscii(out, "k\u00e9y"));
        assertTrue(e.getMessage().contains("U+00E9"), e.getMessage());
        assertEquals(3, out.position());
    }

    @Test
    void writesAPaddedStringInExactlyItsLength() {
        ByteBuffer out = ByteBuffer.allocate(16);

        Wire.putPadded(out, "ab", 4, true);
        Wire.putPadded(out, "\u00e9", 3, false);
        Wire.putPadded(out, "xyz", 3, true);

        assertArrayEquals(Bytes.of('a', 'b', 0, 0, 0xC3, 0xA9, 0, 'x', 'y', 'z'),
                Arrays.copyOf(out.array(), out.position()));
        assertThrows(IllegalArgumentException.class, () -> Wire.putPadded(out, "\u00e9\u00e9", 3, false));
        assertThrows(IllegalArgumentException.class, () -> Wire.putPadded(out, "abcd", 3, true));
        assertThrows(IllegalArgumentException.class, () -> Wire.putPadded(out, "\u00e9", 3, true));
        assertEquals(10, out.position(), "nothing written by a refusal");
    }

    // ---- checks for decoders

    @Test
    void aVarintNarrowsOnlyWithinItsType() {
        assertEquals(5, Wire.atMost(5, Integer.MAX_VALUE, "Ping.id"));
        var e = assertThrows(CorruptFrameException.class, () -> Wire.atMost(1L << 31, Integer.MAX_VALUE, "Ping.id"));
        assertEquals("Ping.id of 2147483648 is over its largest value, 2147483647", e.getMessage());
        // A LEB128 value of 2^63 or more comes back negative: still too large, never negative.
        assertThrows(CorruptFrameException.class, () -> Wire.atMost(-1, Integer.MAX_VALUE, "Ping.id"));
    }

    @Test
    void aCountMustFitWhatIsLeftAtEachElementsSmallestSize() {
        ByteBuffer frame = ByteBuffer.allocate(12);

        assertEquals(3, Wire.checkCount(3, frame, 4, "Poly.points"));
        var e = assertThrows(CorruptFrameException.class, () -> Wire.checkCount(4, frame, 4, "Poly.points"));
        assertEquals("Poly.points of 4 elements of 4+ bytes cannot fit the 12 bytes left in the frame",
                e.getMessage());
        assertThrows(CorruptFrameException.class, () -> Wire.checkCount(0xFFFF_FFFFL, frame, 1, "Poly.points"));
        assertThrows(CorruptFrameException.class, () -> Wire.checkCount(-1, frame, 1, "Poly.points"));
    }

    // ---- checks for encoders

    @Test
    void encoderChecksNameWhatTheyRefuse() {
        assertEquals("Ping.id -1 is not a non-negative varint", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkVarint(-1, false, "Ping.id")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wire.checkVarint(Wire.MQTT_VARINT_MAX + 1, true, "len"));
        Wire.checkVarint(Wire.MQTT_VARINT_MAX, true, "len");

        assertEquals("Fixed.code is 5, over its maximum of 4", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkAtMost(5, 4, "Fixed.code")).getMessage());
        Wire.checkAtMost(4, 4, "Fixed.code");

        assertEquals("Fixed.two must be exactly 2 bytes, not 1", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkExactLength(1, 2, "Fixed.two")).getMessage());

        assertEquals("Poly.points size is 1, but corners says 3", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkAgrees(1, 3, "Poly.points size", "corners")).getMessage());
        Wire.checkAgrees(3, 3, "Poly.points size", "corners");
    }

    @Test
    void aTerminatedValueMayNotContainItsTerminator() {
        assertEquals("Names.name contains its terminator 0x0 at index 1", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkNoTerminator(Bytes.of('b', 0, 'b'), (byte) 0, "Names.name")).getMessage());
        assertEquals("Names.line contains its terminator 0xa at index 2", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkNoTerminator("ok\n", (byte) '\n', "Names.line")).getMessage());
        Wire.checkNoTerminator("ok", (byte) '\n', "Names.line");
    }

    @Test
    void asciiAndNullChecks() {
        assertEquals(2, Wire.checkAscii("k1", "Key.key"));
        assertEquals("Key.key: char U+00E9 at 0 of \"\u00e9\" is not ASCII", assertThrows(
                IllegalArgumentException.class, () -> Wire.checkAscii("\u00e9", "Key.key")).getMessage());
        assertEquals("Sub.codes has a null element at index 1", assertThrows(NullPointerException.class,
                () -> Wire.checkNoNulls(Arrays.asList(1, null), "Sub.codes")).getMessage());
    }

    @Test
    void aFrameSizeAndTheRoomForItAreChecked() {
        assertEquals(10, Wire.toSize(10, "Ping"));
        assertThrows(IllegalArgumentException.class, () -> Wire.toSize(Integer.MAX_VALUE, "Ping"));
        assertThrows(IllegalArgumentException.class, () -> Wire.toSize(3L * Integer.MAX_VALUE, "Ping"));

        ByteBuffer out = ByteBuffer.allocate(8);
        Wire.checkRoom(out, 8, "Ping");
        assertEquals("Ping takes 9 bytes; the buffer has room for 8", assertThrows(IllegalArgumentException.class,
                () -> Wire.checkRoom(out, 9, "Ping")).getMessage());
    }
}
