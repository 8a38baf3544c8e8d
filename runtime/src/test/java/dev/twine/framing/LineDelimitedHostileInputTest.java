package dev.twine.framing;

import dev.twine.framing.LineDelimited.Delimiter;
import dev.twine.framing.LineDelimited.LongLines;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link LineDelimited} makes of input meant to hurt it: lines that never end (of any byte,
 * {@code \r} included), lines a policy lets grow, and raw blocks a peer asks for (through
 * {@link RawSwitching}, as memcached's {@code set} does) that are huge or followed by more
 * trouble. A line is refused as soon as it can no longer end within its limit, so a peer that
 * never sends a delimiter costs at most the limit.
 */
class LineDelimitedHostileInputTest {

    private static final int LIMIT = 1024;
    private static final int GROWN_LIMIT = 64 * 1024;
    private static final int RAW_LIMIT = 1 << 20;

    /** memcached's rule, in small: a line starting {@code get } may grow to {@value #GROWN_LIMIT}. */
    private static final LongLines GETS_GROW = start -> start.remaining() >= 4 && start.get(start.position()) == 'g'
            && start.get(start.position() + 1) == 'e' && start.get(start.position() + 2) == 't'
            && start.get(start.position() + 3) == ' ' ? GROWN_LIMIT : 0;

    private static LineDelimited lines(Delimiter delimiter) {
        return new LineDelimited(delimiter, LIMIT, RAW_LIMIT, GETS_GROW);
    }

    private static RawSwitching raw() {
        return new RawSwitching(lines(Delimiter.CRLF));
    }

    static Stream<HostileInput<ByteBuffer>> rows() {
        return Stream.of(
                HostileInput.endless("\\0, then 'x' for ever, no delimiter", () -> lines(Delimiter.CRLF),
                        Bytes.of(0), Bytes.text("x"))
                        .rejectsWithin(FrameTooLongException.class, LIMIT + 1).holdingAtMost(LIMIT),
                HostileInput.endless("\\r for ever: each may start a CRLF, none does", () -> lines(Delimiter.CRLF),
                        Bytes.of(), Bytes.text("\r"))
                        .rejectsWithin(FrameTooLongException.class, LIMIT + 2).holdingAtMost(LIMIT + 1),
                HostileInput.endless("\\r for ever, LF or CRLF", () -> lines(Delimiter.LF_OR_CRLF),
                        Bytes.of(), Bytes.text("\r"))
                        .rejectsWithin(FrameTooLongException.class, LIMIT + 2).holdingAtMost(LIMIT + 1),
                HostileInput.endless("lone \\n for ever: lines under CRLF, never ending", () -> lines(Delimiter.CRLF),
                        Bytes.of(), Bytes.text("\n"))
                        .rejectsWithin(FrameTooLongException.class, LIMIT + 1).holdingAtMost(LIMIT),
                HostileInput.endless("a line the policy refuses, for ever", () -> lines(Delimiter.CRLF),
                        Bytes.text("set "), Bytes.text("k "))
                        .rejectsWithin(FrameTooLongException.class, LIMIT + 1).holdingAtMost(LIMIT),
                HostileInput.endless("a line the policy lets grow, for ever", () -> lines(Delimiter.CRLF),
                        Bytes.text("get "), Bytes.text("k "))
                        .rejectsWithin(FrameTooLongException.class, GROWN_LIMIT + 1).holdingAtMost(GROWN_LIMIT),
                HostileInput.endless("a grown line, then an ordinary one for ever: the limit is back",
                        () -> lines(Delimiter.CRLF), Bytes.text("get " + Bytes.repeat('k', 2000) + "\r\n"),
                        Bytes.text("x"))
                        .delivers("get " + Bytes.repeat('k', 2000))
                        .rejectsWithin(FrameTooLongException.class, 2006 + LIMIT + 1).holdingAtMost(2005),
                HostileInput.of("a raw block of 2^31 - 1 bytes asked for", LineDelimitedHostileInputTest::raw,
                        Bytes.text("raw 2147483647\r\n"))
                        .delivers("raw 2147483647").rejects(FrameTooLongException.class).holdingAtMost(15),
                HostileInput.of("a raw block of 10^10 - 1 bytes asked for", LineDelimitedHostileInputTest::raw,
                        Bytes.text("raw 9999999999\r\n"))
                        .delivers("raw 9999999999").rejects(FrameTooLongException.class).holdingAtMost(15),
                HostileInput.of("a raw block at the limit, 1000 bytes of it arrived: holds what arrived",
                        LineDelimitedHostileInputTest::raw, Bytes.text("raw 1048576\r\n" + Bytes.repeat('v', 1000)))
                        .delivers("raw 1048576").waitsHolding(1000).holdingAtMost(1000),
                HostileInput.endless("a raw block, then a line that never ends", LineDelimitedHostileInputTest::raw,
                        Bytes.text("raw 3\r\nabc"), Bytes.text("x"))
                        .delivers("raw 3", "abc")
                        .rejectsWithin(FrameTooLongException.class, 10 + LIMIT + 1).holdingAtMost(LIMIT))
                .map(row -> row.describedAs(Bytes::take));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedOrWaitedForWithinItsBounds(HostileInput<ByteBuffer> row) {
        row.check();
    }
}
