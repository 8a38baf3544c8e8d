package dev.twine.framing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link LengthPrefixed} makes of input meant to hurt it: lengths that are huge, negative as
 * signed numbers, or wider than 63 bits, and streams that never end. Each is refused from the
 * header alone, holding no more than the header, or (a length within the limit) waited for with
 * only the bytes that have arrived held.
 */
class LengthPrefixedHostileInputTest {

    private static final int LIMIT = 1024;

    static Stream<HostileInput<ByteBuffer>> rows() {
        return Stream.of(
                row("a 0x7FFFFFFF length, no body", () -> LengthPrefixed.int32(LIMIT), 0x7f, 0xff, 0xff, 0xff)
                        .rejects(FrameTooLongException.class).holdingAtMost(3),
                row("a 0xFFFFFFFF length, no body: unsigned, never -1", () -> LengthPrefixed.int32(LIMIT),
                        0xff, 0xff, 0xff, 0xff)
                        .rejects(FrameTooLongException.class).holdingAtMost(3),
                row("a 0xFFFFFFFF length under the largest limit", () -> LengthPrefixed.int32(PartialFrame.MAX_LENGTH),
                        0xff, 0xff, 0xff, 0xff)
                        .rejects(FrameTooLongException.class).holdingAtMost(3),
                row("a length of exactly the largest limit, no body: waits, holding the header",
                        () -> LengthPrefixed.int32(PartialFrame.MAX_LENGTH), 0x7f, 0xff, 0xff, 0xef)
                        .waitsHolding(4).holdingAtMost(4),
                HostileInput.of("the largest length, then 1000 bytes of body: holds what arrived",
                        () -> LengthPrefixed.int32(PartialFrame.MAX_LENGTH),
                        Bytes.concat(Bytes.of(0x7f, 0xff, 0xff, 0xef), new byte[1000]))
                        .waitsHolding(1004).holdingAtMost(1004),
                row("an 8-byte length with its top bit set: too long, not negative",
                        () -> new LengthPrefixed(8, ByteOrder.BIG_ENDIAN, LIMIT), 0x80, 0, 0, 0, 0, 0, 0, 0)
                        .rejects(FrameTooLongException.class).holdingAtMost(7),
                row("an 8-byte little-endian length of 2^64 - 1",
                        () -> new LengthPrefixed(8, ByteOrder.LITTLE_ENDIAN, LIMIT),
                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
                        .rejects(FrameTooLongException.class).holdingAtMost(7),
                row("a 2-byte little-endian length over the limit",
                        () -> new LengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, LIMIT), 0x01, 0x04)
                        .rejects(FrameTooLongException.class).holdingAtMost(1),
                row("a good frame, then a length over the limit", () -> LengthPrefixed.int32(LIMIT),
                        0, 0, 0, 2, 'o', 'k', 0, 0, 0x04, 0x01)
                        .delivers("ok").rejects(FrameTooLongException.class).holdingAtMost(5),
                row("a limit of 0: only empty frames", () -> LengthPrefixed.int32(0), 0, 0, 0, 0, 0, 0, 0, 1)
                        .delivers("").rejects(FrameTooLongException.class).holdingAtMost(3),
                HostileInput.endless("\\0, then 0xFF for ever", () -> LengthPrefixed.int32(LIMIT),
                        Bytes.of(0), Bytes.of(0xff))
                        .rejectsWithin(FrameTooLongException.class, 4).holdingAtMost(3),
                HostileInput.endless("\\0\\0\\0, then 0xFF for ever: a frame at the limit, then too long",
                        () -> LengthPrefixed.int32(255), Bytes.of(0, 0, 0), Bytes.of(0xff))
                        .delivers(Bytes.repeat('\u00ff', 255))
                        .rejectsWithin(FrameTooLongException.class, 4 + 255 + 4).holdingAtMost(4 + 254))
                .map(row -> row.describedAs(Bytes::take));
    }

    private static HostileInput<ByteBuffer> row(String name, Supplier<LengthPrefixed> framer,
            int... bytes) {
        return HostileInput.of(name, framer, Bytes.of(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedOrWaitedForWithinItsBounds(HostileInput<ByteBuffer> row) {
        row.check();
    }
}
