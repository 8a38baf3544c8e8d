package dev.twine.it.everything;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.twine.framing.Allocations;
import dev.twine.framing.CorruptFrameException;
import dev.twine.framing.FrameTooLongException;
import dev.twine.framing.FramingException;
import dev.twine.it.support.BadInput;
import dev.twine.it.support.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input for {@link Everything}: every frame starts {@code 54 57 | tag | channel | length}, the
 * length little-endian and counting the whole frame.
 */
class EverythingBadInputTest {

    /** Empty(7). */
    private static final byte[] GOOD = Hex.bytes("54 57 | 00 | 07 | 06 00");

    static Stream<Arguments> badInput() {
        return Stream.of(
                arguments("a length of 0xffff, over the limit", "54 57 | 00 | 00 | ff ff",
                        FrameTooLongException.class, "frame of 65535 bytes is longer than the limit of 4096"),
                arguments("a length of 5, which ends the frame inside its 6-byte header", "54 57 | 00 | 00 | 05 00",
                        CorruptFrameException.class, "ends inside its own 6-byte header"),
                arguments("bad magic", "54 58 | 00 | 00 | 06 00", CorruptFrameException.class, "bad magic"),
                arguments("an unknown tag", "54 57 | ee | 00 | 06 00", CorruptFrameException.class,
                        "unknown tag 0xee"),
                // Derived: bodyLength 1 - keyLength 2 - extrasLength 0 - 2 makes the value -3 bytes.
                arguments("@LengthFrom arithmetic below zero",
                        "54 57 | 09 | 00 | 10 00 | 01 00 | 02 | 00 | 00 | 6b 31 | 00 00 00",
                        CorruptFrameException.class, "Derived.value of -3 bytes"),
                arguments("@LengthFrom arithmetic past the frame's end",
                        "54 57 | 09 | 00 | 10 00 | ff ff | 02 | 00 | 00 | 6b 31 | 00 00 00",
                        CorruptFrameException.class, "Derived.value of 65531 bytes"),
                // Lists: no points, no numbers, no labels, no colours, then the 4-byte count of wide.
                arguments("a count of 2^30 4-byte elements, 2^32 bytes",
                        "54 57 | 0b | 00 | 10 00 | 00 | 00 | 00 00 | 00 00 | 00 00 00 40",
                        CorruptFrameException.class, "Lists.wide of 1073741824 elements"),
                arguments("a count of 2^32 - 1",
                        "54 57 | 0b | 00 | 10 00 | 00 | 00 | 00 00 | 00 00 | ff ff ff ff",
                        CorruptFrameException.class, "Lists.wide of 4294967295 elements"),
                arguments("a LEB128 count of 2^63, negative as a long",
                        "54 57 | 0b | 00 | 1a 00 | 00 | 00 | 00 00 | 00 00 | 00 00 00 00"
                                + " | 80 80 80 80 80 80 80 80 80 01",
                        CorruptFrameException.class, "Lists.longs of 9223372036854775808 elements"),
                arguments("a @CountFrom count larger than the frame", "54 57 | 0b | 00 | 0a 00 | 00 | ff | 00 00",
                        CorruptFrameException.class, "Lists.numbers of 255 elements"),
                arguments("a list's byte length past the frame's end",
                        "54 57 | 0b | 00 | 0a 00 | 00 | 00 | 05 00", CorruptFrameException.class,
                        "Lists.labels of 5 bytes"),
                // Scalars: flag, ratio, precise, then the colour.
                arguments("an enum code no constant has",
                        "54 57 | 04 | 00 | 19 00 | 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00 | 03 | 01 00"
                                + " | 00 | 00 | 00",
                        CorruptFrameException.class, "Scalars.colour: no Colour has the code 3"),
                arguments("an MQTT varint of five bytes",
                        "54 57 | 04 | 00 | 1d 00 | 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00 | 01 | 01 00"
                                + " | 00 | 00 | ff ff ff ff 01",
                        CorruptFrameException.class, "does not end within 4 bytes"),
                arguments("a LEB128 varint of eleven bytes",
                        "54 57 | 04 | 00 | 23 00 | 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00 | 01 | 01 00"
                                + " | ff ff ff ff ff ff ff ff ff ff 01 | 00 | 00",
                        CorruptFrameException.class, "does not end within 10 bytes"),
                arguments("a LEB128 int of 2^31",
                        "54 57 | 04 | 00 | 1d 00 | 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00 | 01 | 01 00"
                                + " | 00 | 80 80 80 80 08 | 00",
                        CorruptFrameException.class, "Scalars.lebInt of 2147483648"),
                arguments("a byte above 0x7f in an @Ascii string",
                        "54 57 | 07 | 00 | 15 00 | 00 00 00 00 | 00 00 00 00 00 00 00 00 | 41 c3 00",
                        CorruptFrameException.class, "is not ASCII"),
                arguments("no terminator before the frame's end", "54 57 | 0a | 00 | 08 00 | 68 69",
                        CorruptFrameException.class, "no terminator 0x00"),
                // Capped: the frame has room for what each prefix declares, but not its max (8 bytes, 4 corners).
                arguments("a length prefix over its max",
                        "54 57 | 0e | 00 | 11 00 | 09 61 62 63 64 65 66 67 68 69 | 00",
                        FrameTooLongException.class, "Capped.name"),
                arguments("a count prefix over its max",
                        "54 57 | 0e | 00 | 1c 00 | 00 | 05 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00"
                                + " | 00 00 00 00 | 00 00 00 00",
                        FrameTooLongException.class, "Capped.corners"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRejectedWithItsTypedError(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.rejects(EverythingFramer::new, Hex.bytes(hex), error, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void closesOnlyItsConnection(String name, String hex, Class<? extends FramingException> error,
            String reason) {
        BadInput.closesOnlyItsConnection(EverythingFramer::new, new EverythingEncoder(), GOOD, Hex.bytes(hex),
                error);
    }

    @Test
    void aCountThatCannotFitIsRejectedBeforeTheListIsAllocated() {
        byte[] frame = Hex.bytes("54 57 | 0b | 00 | 10 00 | 00 | 00 | 00 00 | 00 00 | ff ff ff ff");

        long allocated = Allocations.during(
                () -> BadInput.rejects(EverythingFramer::new, frame, CorruptFrameException.class, "cannot fit"));

        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated");
    }

    @Test
    void aFrameCutOffByTheEndOfTheStreamClosesOnlyItsConnection() {
        BadInput.truncatedAtEndOfStream(EverythingFramer::new, new EverythingEncoder(), GOOD,
                Hex.bytes("54 57 | 01 | 00 | 2a 00 | 80 34"));
    }
}
