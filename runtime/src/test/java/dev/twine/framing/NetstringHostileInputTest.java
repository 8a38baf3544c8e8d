package dev.twine.framing;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link Netstring} makes of input meant to hurt it: lengths that never end, overflow an
 * {@code int}, start with zeros or signs, and data that runs past its length. Each is refused at
 * the offending byte, holding no more than the length's digits; a length within the limit is
 * waited for with only the bytes that have arrived held.
 */
class NetstringHostileInputTest {

    private static final int LIMIT = 1000;

    static Stream<HostileInput<ByteBuffer>> rows() {
        return Stream.of(
                HostileInput.endless("\\0, then anything for ever", () -> new Netstring(LIMIT), Bytes.of(0), Bytes.text("1:a,"))
                        .rejectsWithin(CorruptFrameException.class, 1).holdingAtMost(0),
                HostileInput.endless("digits for ever", () -> new Netstring(LIMIT), Bytes.of(), Bytes.text("9"))
                        .rejectsWithin(FrameTooLongException.class, 4).holdingAtMost(3),
                HostileInput.endless("digits for ever, under the largest limit",
                        () -> new Netstring(PartialFrame.MAX_LENGTH), Bytes.of(), Bytes.text("9"))
                        .rejectsWithin(FrameTooLongException.class, 10).holdingAtMost(9),
                HostileInput.endless("a length one past 2^31 - 1, then digits for ever",
                        () -> new Netstring(PartialFrame.MAX_LENGTH), Bytes.text("2147483648"), Bytes.text("0"))
                        .rejectsWithin(FrameTooLongException.class, 10).holdingAtMost(9),
                HostileInput.endless("zeros for ever: a leading zero", () -> new Netstring(LIMIT), Bytes.of(), Bytes.text("0"))
                        .rejectsWithin(CorruptFrameException.class, 2).holdingAtMost(1),
                HostileInput.of("a colon with no length", () -> new Netstring(LIMIT), Bytes.text(":abc,"))
                        .rejects(CorruptFrameException.class).holdingAtMost(0),
                HostileInput.of("a negative length", () -> new Netstring(LIMIT), Bytes.text("-1:a,"))
                        .rejects(CorruptFrameException.class).holdingAtMost(0),
                HostileInput.of("a length with a sign", () -> new Netstring(LIMIT), Bytes.text("+1:a,"))
                        .rejects(CorruptFrameException.class).holdingAtMost(0),
                HostileInput.endless("a netstring, then data for ever past its length", () -> new Netstring(LIMIT),
                        Bytes.text("3:abc,5:hello"), Bytes.text("x"))
                        .delivers("abc").rejectsWithin(CorruptFrameException.class, 14).holdingAtMost(7),
                HostileInput.of("a length at the limit, no data: waits, holding the length",
                        () -> new Netstring(LIMIT), Bytes.text("1000:"))
                        .waitsHolding(5).holdingAtMost(5),
                HostileInput.of("the largest length, 1000 bytes of data: holds what arrived",
                        () -> new Netstring(PartialFrame.MAX_LENGTH),
                        Bytes.text(PartialFrame.MAX_LENGTH + ":" + Bytes.repeat('d', 1000)))
                        .waitsHolding(1011).holdingAtMost(1011))
                .map(row -> row.describedAs(Bytes::take));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedOrWaitedForWithinItsBounds(HostileInput<ByteBuffer> row) {
        row.check();
    }
}
