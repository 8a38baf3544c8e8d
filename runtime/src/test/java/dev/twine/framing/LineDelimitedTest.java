package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.framing.LineDelimited.Delimiter;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LineDelimitedTest {

    /** Plays memcached's text protocol: a {@code set} line announces a raw block of data + CRLF. */
    private static final class MemcachedLike extends Recorder {
        private final LineDelimited framer;
        private boolean rawNext;

        MemcachedLike(LineDelimited framer) {
            this.framer = framer;
        }

        @Override
        public void onFrame(ByteBuffer frame) {
            String text = Bytes.take(frame);
            if (rawNext) {
                rawNext = false;
                frames.add("raw:" + text);
                return;
            }
            frames.add("line:" + text);
            String[] words = text.split(" ");
            if (words[0].equals("set")) {
                rawNext = true;
                framer.readRaw(Integer.parseInt(words[4]) + 2);
            }
        }
    }

    private static final String VALUE_300 = "x\r\ny" + Bytes.pattern(296);
    private static final String VALUE_70000 = Bytes.pattern(70_000);

    private static final String MEMCACHED_STREAM = "set k 0 0 5\r\nhello\r\n"
            + "get k\r\n"
            + "\r\n"
            + "set big 0 0 300\r\n" + VALUE_300 + "\r\n"
            + "a\rb\nc\r\n"
            + "set z 0 0 0\r\n\r\n"
            + "set huge 0 0 70000\r\n" + VALUE_70000 + "\r\n"
            + "\r\r\n"
            + "end\r\n";

    private static final List<String> MEMCACHED_FRAMES = List.of(
            "line:set k 0 0 5", "raw:hello\r\n",
            "line:get k",
            "line:",
            "line:set big 0 0 300", "raw:" + VALUE_300 + "\r\n",
            "line:a\rb\nc",
            "line:set z 0 0 0", "raw:\r\n",
            "line:set huge 0 0 70000", "raw:" + VALUE_70000 + "\r\n",
            "line:\r",
            "line:end");

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysLinesAndRawBlocksHoweverTheInputIsCut(Reads chunking) {
        var framer = new LineDelimited(Delimiter.CRLF, 100, 100_000);
        var sink = new MemcachedLike(framer);

        chunking.feed(Bytes.text(MEMCACHED_STREAM), framer, sink);

        assertEquals(MEMCACHED_FRAMES, sink.frames);
        assertEquals(0, framer.bufferedBytes());
        assertFalse(framer.isRawMode());
    }

    private static final String MIXED_ENDINGS = "a\r\nb\n\r\n\nc\r\r\nd\re\n";

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysLfOrCrlf(Reads chunking) {
        var framer = new LineDelimited(Delimiter.LF_OR_CRLF, 10);
        var frames = new Recorder();

        chunking.feed(Bytes.text(MIXED_ENDINGS), framer, frames);

        assertEquals(List.of("a", "b", "", "", "c\r", "d\re"), frames.frames);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysLf(Reads chunking) {
        var framer = new LineDelimited(Delimiter.LF, 10);
        var frames = new Recorder();

        chunking.feed(Bytes.text(MIXED_ENDINGS), framer, frames);

        assertEquals(List.of("a\r", "b", "\r", "", "c\r\r", "d\re"), frames.frames);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysCrlf(Reads chunking) {
        var framer = new LineDelimited(Delimiter.CRLF, 10);
        var frames = new Recorder();

        chunking.feed(Bytes.text(MIXED_ENDINGS + "\r\n"), framer, frames);

        assertEquals(List.of("a", "b\n", "\nc\r", "d\re\n"), frames.frames);
    }

    // ---- limits

    @ParameterizedTest
    @EnumSource(Delimiter.class)
    void rejectsACompleteLineOneByteOverTheLimit(Delimiter delimiter) {
        var framer = new LineDelimited(delimiter, 5);

        var e = assertThrows(FrameTooLongException.class,
                () -> framer.decode(Bytes.buffer("abcdef\r\n"), new Recorder()));

        // Under LF the \r is part of the line.
        assertEquals(delimiter == Delimiter.LF ? 7 : 6, e.declaredLength().getAsLong());
        assertEquals(5, e.limit());
    }

    @ParameterizedTest
    @EnumSource(Delimiter.class)
    void rejectsAPartialLineAsSoonAsItCannotEndWithinTheLimit(Delimiter delimiter) {
        var framer = new LineDelimited(delimiter, 5);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abcde"), frames);
        assertEquals(5, framer.bufferedBytes());
        var e = assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("f"), frames));

        assertTrue(e.declaredLength().isEmpty());
        assertEquals(5, e.limit());
        assertEquals(List.of(), frames.frames);
    }

    @Test
    void rejectsAPartialLineInOneReadBeforeHoldingIt() {
        var framer = new LineDelimited(Delimiter.CRLF, 5);

        assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("abcdefghij"), new Recorder()));
        assertEquals(0, framer.bufferedBytes());
    }

    @ParameterizedTest
    @EnumSource(value = Delimiter.class, names = {"CRLF", "LF_OR_CRLF"})
    void acceptsALineAtTheLimitWhoseCrlfIsSplitAcrossReads(Delimiter delimiter) {
        var framer = new LineDelimited(delimiter, 5);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abcde\r"), frames);
        assertEquals(6, framer.bufferedBytes());
        framer.decode(Bytes.buffer("\nnext\r\n"), frames);

        assertEquals(List.of("abcde", "next"), frames.frames);
    }

    @ParameterizedTest
    @EnumSource(value = Delimiter.class, names = {"CRLF", "LF_OR_CRLF"})
    void acceptsALineAtTheLimitFedByteByByte(Delimiter delimiter) {
        var framer = new LineDelimited(delimiter, 5);
        var frames = new Recorder();

        new Reads("byte by byte", remaining -> 1, false).feed(Bytes.text("abcde\r\nvwxyz\r\n"), framer, frames);

        assertEquals(List.of("abcde", "vwxyz"), frames.frames);
    }

    @Test
    void lfOrCrlfAcceptsALineAtTheLimitEndingInCrlfInOneRead() {
        var framer = new LineDelimited(Delimiter.LF_OR_CRLF, 5);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abcde\r\nvwxyz\n"), frames);

        assertEquals(List.of("abcde", "vwxyz"), frames.frames);
    }

    @Test
    void lfCountsTheCrInTheLine() {
        var framer = new LineDelimited(Delimiter.LF, 5);

        framer.decode(Bytes.buffer("abcd\r\n"), new Recorder());
        assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("abcde\r"), new Recorder()));
    }

    @Test
    void aHeldCrFollowedByAnythingButLfIsOverTheLimit() {
        var framer = new LineDelimited(Delimiter.CRLF, 5);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abcde\r"), frames);

        assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("x"), frames));
    }

    @Test
    void isPoisonedAfterAFailure() {
        var framer = new LineDelimited(Delimiter.CRLF, 3);
        var failure = assertThrows(FrameTooLongException.class,
                () -> framer.decode(Bytes.buffer("abcd\r\n"), new Recorder()));

        var later = assertThrows(IllegalStateException.class,
                () -> framer.decode(Bytes.buffer("ok\r\n"), new Recorder()));
        assertSame(failure, later.getCause());
        assertThrows(IllegalStateException.class, () -> framer.decode(ByteBuffer.allocate(0), new Recorder()));
        assertThrows(IllegalStateException.class, () -> framer.readRaw(1), "readRaw too");
    }


    // ---- long lines

    /** Lets a line starting "get " grow to 40 bytes, as memcached lets a multi-key get grow. */
    private static final class LongGets implements LineDelimited.LongLines {
        final List<String> asked = new java.util.ArrayList<>();

        @Override
        public int limitFor(ByteBuffer start) {
            String text = Bytes.take(start);
            asked.add(text);
            return text.startsWith("get ") ? 40 : 0;
        }
    }

    private static final String LONG_GET = "get a b c d e f g h i j k l";

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aPolicyLetsChosenLinesOutgrowTheLimitHoweverTheInputIsCut(Reads chunking) {
        var policy = new LongGets();
        var framer = new LineDelimited(Delimiter.LF_OR_CRLF, 10, 10, policy);
        var frames = new Recorder();

        chunking.feed(Bytes.text("get k\r\n" + LONG_GET + "\r\nget z\n" + LONG_GET + "\n"), framer, frames);

        assertEquals(List.of("get k", LONG_GET, "get z", LONG_GET), frames.frames);
        // Asked once per long line, with exactly maxLineLength + 1 bytes of it.
        assertEquals(List.of("get a b c d", "get a b c d"), policy.asked);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aLineThePolicyRefusesIsRejectedAtTheLimit(Reads chunking) {
        var policy = new LongGets();
        var framer = new LineDelimited(Delimiter.CRLF, 10, 10, policy);
        var frames = new Recorder();

        var e = assertThrows(FrameTooLongException.class,
                () -> chunking.feed(Bytes.text("set k 0 0 1\r\nget k\r\n"), framer, frames));

        assertEquals(10, e.limit());
        assertEquals(List.of("set k 0 0 1"), policy.asked);
        assertEquals(List.of(), frames.frames);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aGrownLineIsHeldToTheLimitThePolicyGave(Reads chunking) {
        var framer = new LineDelimited(Delimiter.CRLF, 10, 10, new LongGets());
        var frames = new Recorder();
        String atTheLimit = "get " + Bytes.repeat('k', 36);
        String tooLong = "get " + Bytes.repeat('k', 37);

        var e = assertThrows(FrameTooLongException.class,
                () -> chunking.feed(Bytes.text(atTheLimit + "\r\n" + tooLong + "\r\n"), framer, frames));

        assertEquals(40, e.limit());
        assertEquals(List.of(atTheLimit), frames.frames);
    }

    @Test
    void theLineAfterAGrownOneHasTheOrdinaryLimitAgain() {
        var framer = new LineDelimited(Delimiter.CRLF, 10, 10, new LongGets());
        var frames = new Recorder();

        framer.decode(Bytes.buffer(LONG_GET + "\r\n0123456789"), frames);
        assertEquals(List.of(LONG_GET), frames.frames);
        assertEquals(10, framer.bufferedBytes());

        var e = assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("a"), frames));
        assertEquals(10, e.limit());
    }

    @Test
    void aGrownLineIsHeldAsItArrives() {
        var framer = new LineDelimited(Delimiter.CRLF, 10, 10, new LongGets());
        var frames = new Recorder();

        framer.decode(Bytes.buffer("get a b c d e f"), frames);
        assertEquals(15, framer.bufferedBytes());
        framer.decode(Bytes.buffer(" g h i j k l\r"), frames);
        assertEquals(28, framer.bufferedBytes());
        framer.decode(Bytes.buffer("\n"), frames);

        assertEquals(List.of(LONG_GET), frames.frames);
        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void aPolicyAnswerOverTheLargestFrameIsCapped() {
        var framer = new LineDelimited(Delimiter.LF, 3, 3, start -> Integer.MAX_VALUE);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abcdefgh\n"), frames);

        assertEquals(List.of("abcdefgh"), frames.frames);
    }

    // ---- raw mode

    @Test
    void readRawOverTheLimitThrowsAndPoisons() {
        var framer = new LineDelimited(Delimiter.CRLF, 100, 10);

        var failure = assertThrows(FrameTooLongException.class, () -> framer.readRaw(11));
        assertEquals(11, failure.declaredLength().getAsLong());
        assertEquals(10, failure.limit());

        var later = assertThrows(IllegalStateException.class,
                () -> framer.decode(Bytes.buffer("ok\r\n"), new Recorder()));
        assertSame(failure, later.getCause());
    }

    @Test
    void readRawOverTheLimitFromInsideOnFrameComesOutOfDecode() {
        var framer = new LineDelimited(Delimiter.CRLF, 100, 10);
        ByteBuffer in = Bytes.buffer("set\r\nmore\r\n");

        assertThrows(FrameTooLongException.class, () -> framer.decode(in, frame -> framer.readRaw(11)));

        assertEquals(in.capacity(), in.limit(), "the input's limit is restored");
        assertEquals(5, in.position(), "the input's position is just past the line");
    }

    @Test
    void aSinkThatSwallowsTheReadRawFailureGetsNoMoreFrames() {
        var framer = new LineDelimited(Delimiter.CRLF, 100, 10);
        var frames = new Recorder();

        assertThrows(IllegalStateException.class, () -> framer.decode(Bytes.buffer("a\r\nb\r\n"), frame -> {
            frames.onFrame(frame);
            try {
                framer.readRaw(11);
            } catch (FrameTooLongException swallowed) {
                // a careless handler
            }
        }));
        assertEquals(List.of("a"), frames.frames);
    }

    @Test
    void readRawRejectsANegativeLengthWithoutPoisoning() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        var frames = new Recorder();

        assertThrows(IllegalArgumentException.class, () -> framer.readRaw(-1));
        framer.decode(Bytes.buffer("ok\r\n"), frames);

        assertEquals(List.of("ok"), frames.frames);
    }

    @Test
    void readRawTwiceIsAnError() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        framer.readRaw(3);

        assertThrows(IllegalStateException.class, () -> framer.readRaw(3));
    }

    @Test
    void readRawZeroDeliversAnEmptyFrameWithoutInput() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        var frames = new Recorder();

        framer.readRaw(0);
        assertTrue(framer.isRawMode());
        framer.decode(ByteBuffer.allocate(0), frames);

        assertEquals(List.of(""), frames.frames);
        assertFalse(framer.isRawMode());
    }

    @Test
    void aRawBlockSplitAcrossReadsIsHeldWithObservableState() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        var frames = new Recorder();
        FrameSink<ByteBuffer> sink = frame -> {
            boolean announcement = !framer.isRawMode() && frames.frames.isEmpty();
            frames.onFrame(frame);
            if (announcement) {
                framer.readRaw(7);
            }
        };

        framer.decode(Bytes.buffer("set k 0 0 5\r\nhel"), sink);

        assertEquals(List.of("set k 0 0 5"), frames.frames);
        assertTrue(framer.isRawMode());
        assertEquals(7, framer.rawBlockLength());
        assertEquals(3, framer.bufferedBytes());

        framer.decode(Bytes.buffer("lo\r\nget k\r\n"), sink);

        assertEquals(List.of("set k 0 0 5", "hello\r\n", "get k"), frames.frames);
        assertFalse(framer.isRawMode());
        assertEquals(-1, framer.rawBlockLength());
        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void readRawFromInsideARawFrameChains() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        var frames = new Recorder();
        int[] calls = {0};

        framer.decode(Bytes.buffer("x\r\nabcdey\r\n"), frame -> {
            frames.onFrame(frame);
            calls[0]++;
            if (calls[0] == 1) {
                framer.readRaw(3);
            } else if (calls[0] == 2) {
                framer.readRaw(2);
            }
        });

        assertEquals(List.of("x", "abc", "de", "y"), frames.frames);
    }

    @Test
    void aRawBlockCannotStartInsideALine() {
        var framer = new LineDelimited(Delimiter.CRLF, 100);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("abc"), frames);
        var refused = assertThrows(IllegalStateException.class, () -> framer.readRaw(5));
        assertTrue(refused.getMessage().contains("3 bytes"), refused.getMessage());
        assertFalse(framer.isRawMode());
        assertFalse(framer.hasFailed(), "a refused call is a usage error, not a framing error");

        framer.decode(Bytes.buffer("de\r\n"), frames);
        framer.readRaw(2); // at a frame boundary again: fine
        framer.decode(Bytes.buffer("xy\r\n"), frames);
        assertEquals(List.of("abcde", "xy", ""), frames.frames);
    }

    // ---- encoder

    @Test
    void writesEachDelimiterExactly() {
        var transport = new RecordingTransport();

        new LineDelimited(Delimiter.LF, 10).write(transport, Bytes.buffer("a"));
        new LineDelimited(Delimiter.CRLF, 10).write(transport, Bytes.buffer("b"));
        new LineDelimited(Delimiter.LF_OR_CRLF, 10).write(transport, Bytes.text("c"));

        assertArrayEquals(Bytes.of('a', '\n', 'b', '\r', '\n', 'c', '\r', '\n'), transport.takeWritten());
    }

    @ParameterizedTest
    @EnumSource(Delimiter.class)
    void whatItWritesDecodesBack(Delimiter delimiter) {
        var transport = new RecordingTransport();
        var encoder = new LineDelimited(delimiter, 100);
        List<String> lines = delimiter == Delimiter.CRLF
                ? List.of("", "plain", "lone \r and lone \n", "ends in \r", "\n")
                : List.of("", "plain", "lone \r", "ends in \r", "\r");
        lines.forEach(line -> encoder.write(transport, Bytes.buffer(line)));
        var frames = new Recorder();

        new LineDelimited(delimiter, 100).decode(ByteBuffer.wrap(transport.takeWritten()), frames);

        assertEquals(lines, frames.frames);
    }

    @ParameterizedTest
    @EnumSource(Delimiter.class)
    void refusesToWriteALineContainingItsDelimiter(Delimiter delimiter) {
        var transport = new RecordingTransport();
        var encoder = new LineDelimited(delimiter, 100);
        ByteBuffer line = Bytes.buffer("two\r\nlines");

        var e = assertThrows(IllegalArgumentException.class, () -> encoder.write(transport, line));

        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
        assertEquals(0, transport.takeWritten().length, "nothing is written");
        assertEquals(0, line.position(), "the line is not consumed");
    }

    @Test
    void lfRefusesALoneLfThatCrlfAccepts() {
        var transport = new RecordingTransport();

        assertThrows(IllegalArgumentException.class,
                () -> new LineDelimited(Delimiter.LF, 10).write(transport, Bytes.buffer("a\nb")));
        assertThrows(IllegalArgumentException.class,
                () -> new LineDelimited(Delimiter.LF_OR_CRLF, 10).write(transport, Bytes.buffer("a\nb")));
        new LineDelimited(Delimiter.CRLF, 10).write(transport, Bytes.buffer("a\nb"));

        assertEquals("a\nb\r\n", transport.takeWrittenString());
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new LineDelimited(Delimiter.LF, -1));
        assertThrows(IllegalArgumentException.class, () -> new LineDelimited(Delimiter.LF, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> new LineDelimited(Delimiter.LF, Integer.MAX_VALUE));
        assertThrows(NullPointerException.class, () -> new LineDelimited(null, 10));
    }

    @Test
    void reportsItsConfiguration() {
        var framer = new LineDelimited(Delimiter.LF_OR_CRLF, 10, 20);

        assertEquals(Delimiter.LF_OR_CRLF, framer.delimiter());
        assertEquals(10, framer.maxLineLength());
        assertEquals(20, framer.maxRawLength());
        assertEquals(10, new LineDelimited(Delimiter.LF, 10).maxRawLength());
    }
}
