package dev.twine.it.everything;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.twine.it.everything.Everything.Box;
import dev.twine.it.everything.Everything.ByteOrders;
import dev.twine.it.everything.Everything.Capped;
import dev.twine.it.everything.Everything.Colour;
import dev.twine.it.everything.Everything.Conditional;
import dev.twine.it.everything.Everything.Delimited;
import dev.twine.it.everything.Everything.Derived;
import dev.twine.it.everything.Everything.Echo;
import dev.twine.it.everything.Everything.Empty;
import dev.twine.it.everything.Everything.FixedSizes;
import dev.twine.it.everything.Everything.Labelled;
import dev.twine.it.everything.Everything.Lists;
import dev.twine.it.everything.Everything.Nesting;
import dev.twine.it.everything.Everything.Point;
import dev.twine.it.everything.Everything.Prefixed;
import dev.twine.it.everything.Everything.Scalars;
import dev.twine.it.everything.Everything.Signed;
import dev.twine.it.everything.Everything.Unsigned;
import dev.twine.it.support.Decoding;
import dev.twine.it.support.Frames;
import dev.twine.it.support.Hex;
import dev.twine.it.support.Vector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vocabulary item, proven on bytes written out by hand: each vector decodes to its record,
 * and the record encodes back to exactly those bytes. Every frame starts with the header of
 * {@link Everything}: magic {@code 54 57}, the tag, the frame's {@code channel} byte, and the
 * frame's whole length in two little-endian bytes.
 */
class EverythingVectorsTest {

    private static Point point(int x, int y) {
        return new Point((short) x, (short) y);
    }

    static Stream<Vector<Everything>> frames() {
        return Stream.of(
                new Vector<>("@Magic, @TagField, a header gap filled by a component, @LengthField",
                        "54 57 | 00 | 07 | 06 00",
                        new Empty((byte) 7)),
                new Vector<>("signed integers of 1 to 8 bytes, sign-extended",
                        "54 57 | 01 | 01 | 2a 00 | 80 | 34 12 | fe ff ff | 78 56 34 12 | ff ff ff ff 7f"
                                + " | 00 00 00 00 00 80 | ff ff ff ff ff ff ff | 08 07 06 05 04 03 02 01",
                        new Signed((byte) 1, (byte) -128, (short) 0x1234, -2, 0x12345678,
                                0x7f_ffff_ffffL, -0x8000_0000_0000L, -1L, 0x0102030405060708L)),
                new Vector<>("unsigned integers of 1 to 8 bytes, the 8-byte one as a bit pattern",
                        "54 57 | 02 | 02 | 2a 00 | ff | fe ff | ef cd ab | fd ff ff ff | 01 00 00 00 ff"
                                + " | 00 00 00 00 00 80 | ff ff ff ff ff ff ff | fe ff ff ff ff ff ff ff",
                        new Unsigned((byte) 2, 0xff, 0xfffe, 0xabcdef, 0xffff_fffdL, 0xff_0000_0001L,
                                0x8000_0000_0000L, 0xff_ffff_ffff_ffffL, -2L)),
                new Vector<>("the protocol's little-endian order and @Field(order) overrides",
                        "54 57 | 03 | 03 | 25 00 | 04 03 02 01 | 01 02 03 04 | 04 03 02 01 | 01 02 03"
                                + " | 01 02 03 04 05 06 07 08 | 3f f0 00 00 00 00 00 00",
                        new ByteOrders((byte) 3, 0x01020304, 0x01020304, 0x01020304, 0x010203,
                                0x0102030405060708L, 1.0)),
                new Vector<>("boolean, float, double, enums by @Code, LEB128 and MQTT varints",
                        "54 57 | 04 | 04 | 1c 00 | 01 | 00 00 c0 3f | 00 00 00 00 00 00 00 c0 | fe"
                                + " | 02 00 | ac 02 | 7f | 80 80 01",
                        new Scalars((byte) 4, true, 1.5f, -2.0, Colour.BLUE, Colour.GREEN, 300, 127, 16_384)),
                new Vector<>("varints at their largest, -0.0f and the smallest double",
                        "54 57 | 04 | 05 | 29 00 | 00 | 00 00 00 80 | 01 00 00 00 00 00 00 00 | 01"
                                + " | fe 00 | ff ff ff ff ff ff ff ff ff 01 | ff ff ff ff 07 | ff ff ff 7f",
                        new Scalars((byte) 5, false, -0.0f, Double.MIN_VALUE, Colour.RED, Colour.BLUE,
                                -1L, Integer.MAX_VALUE, 268_435_455)),
                new Vector<>("@Tag: the first of a frame's two tags; @Rest String",
                        "54 57 | 05 | 06 | 08 00 | 68 69",
                        new Echo(5, (byte) 6, "hi")),
                new Vector<>("@Tag: the second of a frame's two tags; @Rest String in UTF-8",
                        "54 57 | 06 | 06 | 0c 00 | 68 c3 a9 6c 6c 6f",
                        new Echo(6, (byte) 6, "h\u00e9llo")),
                new Vector<>("@FixedLength byte[], UTF-8 String and @Ascii String, padded with zeros",
                        "54 57 | 07 | 07 | 15 00 | de ad be ef | 6e c3 a9 65 00 00 00 00 | 47 42 00",
                        new FixedSizes((byte) 7, Hex.bytes("de ad be ef"), "n\u00e9e", "GB")),
                new Vector<>("@LengthPrefix of 1, 2 and 4 bytes, LEB128, MQTT, and big-endian @Ascii",
                        "54 57 | 08 | 08 | 1e 00 | 01 61 | 02 00 01 02 | 03 00 00 00 78 79 7a | 03 0a 0b 0c"
                                + " | 02 6f 6b | 00 02 4f 4b",
                        new Prefixed((byte) 8, "a", Hex.bytes("01 02"), "xyz", Hex.bytes("0a 0b 0c"), "ok", "OK")),
                new Vector<>("@LengthPrefix varints of two bytes, and empty values",
                        Hex.concat(Hex.bytes("54 57 | 08 | 08 | 5b 01 | 00 | 00 00 | 00 00 00 00 | c8 01"),
                                Hex.repeat(200, 0x5a), Hex.bytes("80 01"), Hex.repeat(128, 'm'), Hex.bytes("00 00")),
                        new Prefixed((byte) 8, "", new byte[0], "", Hex.repeat(200, 0x5a), "m".repeat(128), "")),
                new Vector<>("@LengthFrom a field, with minus and plus",
                        "54 57 | 09 | 09 | 14 00 | 08 00 | 02 | 01 | 00 | 0e | 6b 31 | 76 76 76 | 34 12 | 4c",
                        new Derived((byte) 9, 8, 2, 1, 0, Hex.bytes("0e"), "k1", "vvv".getBytes(US_ASCII),
                                (short) 0x1234, "L")),
                new Vector<>("@Terminated by 0, by '\\n' (@Ascii) and by 0xff; @Rest byte[]",
                        "54 57 | 0a | 0a | 11 00 | 68 69 00 | 6f 6b 0a | 00 01 ff | ff fe",
                        new Delimited((byte) 10, "hi", "ok", Hex.bytes("00 01"), Hex.bytes("ff fe"))),
                new Vector<>("lists by @CountPrefix, @CountFrom, byte length @LengthPrefix and @LengthFrom",
                        "54 57 | 0b | 0b | 33 00 | 02 | 01 00 02 00 | ff ff 03 00 | 03 | 01 00 fe ff ff 7f"
                                + " | 06 00 | 01 61 04 00 05 00 | 02 00 | 01 fe | 01 00 00 00 | 04 03 02 01"
                                + " | 01 | ff ff ff ff ff ff ff ff",
                        new Lists((byte) 11, List.of(point(1, 2), point(-1, 3)), 3,
                                List.of((short) 1, (short) -2, (short) 0x7fff),
                                List.of(new Labelled("a", point(4, 5))), 2, List.of(Colour.RED, Colour.BLUE),
                                List.of(0x01020304), List.of(-1L))),
                new Vector<>("@PresentIf by bit, mask, equals and boolean: all present",
                        "54 57 | 0c | 0c | 17 00 | 83 | 02 | 01 | 04 03 02 01 | 01 74 | 06 05 | 07 00 08 00"
                                + " | 01 6e",
                        new Conditional((byte) 12, 0x83, (byte) 2, true, 0x01020304, "t", (short) 0x0506,
                                point(7, 8), null, "n")),
                new Vector<>("@PresentIf: all absent",
                        "54 57 | 0c | 0c | 09 00 | 00 | 00 | 00",
                        new Conditional((byte) 12, 0, (byte) 0, false, null, null, null, null, null, null)),
                new Vector<>("@PresentIf: the mask's other bit, and a list present by equals",
                        "54 57 | 0c | 0c | 10 00 | 04 | 03 | 00 | 09 00 | 01 | 01 00 01 00",
                        new Conditional((byte) 12, 0x04, (byte) 3, false, null, null, (short) 9, null,
                                List.of(point(1, 1)), null)),
                new Vector<>("nested records, inline and two deep",
                        "54 57 | 0d | 0d | 19 00 | 01 00 02 00 | 02 61 62 03 00 04 00 | 05 00 06 00 07 00 08 00",
                        new Nesting((byte) 13, point(1, 2), new Labelled("ab", point(3, 4)),
                                new Box(point(5, 6), point(7, 8)))),
                new Vector<>("@LengthPrefix and @CountPrefix at their max",
                        "54 57 | 0e | 0e | 20 00 | 08 61 62 63 64 65 66 67 68"
                                + " | 04 | 01 00 01 00 | 02 00 02 00 | 03 00 03 00 | 04 00 04 00",
                        new Capped((byte) 14, "abcdefgh",
                                List.of(point(1, 1), point(2, 2), point(3, 3), point(4, 4)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesHandWrittenBytes(Vector<Everything> vector) {
        Everything decoded = Decoding.single(new EverythingFramer(), vector.bytes());

        Frames.assertFrameEquals(vector.frame(), decoded, vector.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void encodesToTheSameBytes(Vector<Everything> vector) {
        EverythingEncoder encoder = new EverythingEncoder();

        assertEquals(vector.bytes().length, encoder.sizeOf(vector.frame()), "sizeOf");
        assertEquals(Hex.of(vector.bytes()), Hex.of(encoder.toByteArray(vector.frame())));
    }

    /** Frames whose values their layout cannot carry, each refused before a byte is written. */
    static Stream<Arguments> inexpressible() {
        Point origin = point(0, 0);
        return Stream.of(
                arguments("an unsigned 1-byte value of 256",
                        new Unsigned((byte) 0, 256, 0, 0, 0, 0, 0, 0, 0), IllegalArgumentException.class),
                arguments("a signed 3-byte value of 2^23",
                        new Signed((byte) 0, (byte) 0, (short) 0, 1 << 23, 0, 0, 0, 0, 0),
                        IllegalArgumentException.class),
                arguments("an MQTT varint of 2^28",
                        new Scalars((byte) 0, false, 0, 0, Colour.RED, Colour.RED, 0, 0, 1 << 28),
                        IllegalArgumentException.class),
                arguments("a negative LEB128 int",
                        new Scalars((byte) 0, false, 0, 0, Colour.RED, Colour.RED, 0, -1, 0),
                        IllegalArgumentException.class),
                arguments("a @Tag that is not one of the frame's tags",
                        new Echo(7, (byte) 0, ""), IllegalArgumentException.class),
                arguments("a 3-byte array for 4 fixed bytes",
                        new FixedSizes((byte) 0, new byte[3], "", ""), IllegalArgumentException.class),
                arguments("a 9-byte string for 8 fixed bytes",
                        new FixedSizes((byte) 0, new byte[4], "n\u00e9e\u00e9eee", ""), IllegalArgumentException.class),
                arguments("a non-ASCII @Ascii string",
                        new FixedSizes((byte) 0, new byte[4], "", "\u00e9"), IllegalArgumentException.class),
                arguments("a length field that disagrees with the value",
                        new Derived((byte) 0, 9, 0, 0, 0, new byte[0], "", new byte[0], (short) 0, "l"),
                        IllegalArgumentException.class),
                arguments("a count field that disagrees with the list",
                        new Lists((byte) 0, List.of(), 1, List.of(), List.of(), 0, List.of(), List.of(), List.of()),
                        IllegalArgumentException.class),
                arguments("a value that contains its terminator",
                        new Delimited((byte) 0, "a\u0000b", "", new byte[0], new byte[0]),
                        IllegalArgumentException.class),
                arguments("a component missing although its bit is set",
                        new Conditional((byte) 0, 0x01, (byte) 0, false, null, null, null, null, null, null),
                        IllegalArgumentException.class),
                arguments("a component present although its value does not match",
                        new Conditional((byte) 0, 0, (byte) 1, false, null, null, null, origin, null, null),
                        IllegalArgumentException.class),
                arguments("a length prefix over its max",
                        new Capped((byte) 0, "abcdefghi", List.of()), IllegalArgumentException.class),
                arguments("a count prefix over its max",
                        new Capped((byte) 0, "", List.of(origin, origin, origin, origin, origin)),
                        IllegalArgumentException.class),
                arguments("a null nested record",
                        new Nesting((byte) 0, null, new Labelled("", origin), new Box(origin, origin)),
                        NullPointerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inexpressible")
    void refusesFramesItsLayoutCannotCarry(String name, Everything frame, Class<? extends Exception> error) {
        ByteBuffer out = ByteBuffer.allocate(Everything.MAX_FRAME_LENGTH);

        assertThrows(error, () -> new EverythingEncoder().encode(frame, out));
        assertEquals(0, out.position(), "bytes written before refusing");
    }
}
