package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine, through the seed protocol: {@link SeedFramer}. */
class HeaderFramerTest {

    private static final String TEXT_300 = Bytes.pattern(300);
    private static final String TEXT_65000 = Bytes.pattern(65_000);

    private static final byte[] STREAM = Bytes.concat(
            SeedFramer.frame(0),
            SeedFramer.say("hi"),
            SeedFramer.say(""),
            SeedFramer.say("h\u00e9llo \u2713 \ud83d\ude00"),
            SeedFramer.say(TEXT_300),
            SeedFramer.frame(0),
            SeedFramer.say(TEXT_65000),
            SeedFramer.say("end"));

    private static final List<String> FRAMES = List.of(
            "0:Type0[]",
            "1:Say[text=hi]",
            "1:Say[text=]",
            "1:Say[text=h\u00e9llo \u2713 \ud83d\ude00]",
            "1:Say[text=" + TEXT_300 + "]",
            "0:Type0[]",
            "1:Say[text=" + TEXT_65000 + "]",
            "1:Say[text=end]");

    private final SeedFramer framer = new SeedFramer();
    private final KindRecorder<SeedFramer.Message> frames = new KindRecorder<>();

    private void read(byte[] bytes) {
        framer.decode(ByteBuffer.wrap(bytes), frames);
    }

    private void read(int... bytes) {
        read(Bytes.of(bytes));
    }

    private void assertBetweenFrames() {
        assertTrue(framer.isReadingHeader());
        assertEquals(0, framer.headerBytesHeld());
        assertEquals(-1, framer.expectedFrameLength());
        assertEquals(-1, framer.currentTag());
        assertEquals(0, framer.bufferedBytes());
        assertFalse(framer.hasFailed());
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysTheSameFramesHoweverTheInputIsCut(Reads chunking) {
        frames.feed(chunking, STREAM, framer);

        assertEquals(FRAMES, frames.frames);
        assertBetweenFrames();
    }

    @Test
    void replaysTheSameFramesWhereverOneSplitFalls() {
        byte[] input = Bytes.concat(SeedFramer.frame(0), SeedFramer.say("hello"), SeedFramer.frame(0));
        for (int split = 0; split <= input.length; split++) {
            var fresh = new SeedFramer();
            var got = new KindRecorder<SeedFramer.Message>();

            fresh.decode(ByteBuffer.wrap(input, 0, split), got);
            fresh.decode(ByteBuffer.wrap(input, split, input.length - split), got);

            assertEquals(List.of("0:Type0[]", "1:Say[text=hello]", "0:Type0[]"), got.frames, "split at " + split);
            assertEquals(0, fresh.bufferedBytes());
        }
    }

    @Test
    void showsItsStateMidHeaderAndMidFrame() {
        byte[] hello = SeedFramer.say("hello"); // 00 00 00 0B 00 00 00 01 00 05 h e l l o

        read(0, 0, 0);
        assertTrue(framer.isReadingHeader());
        assertEquals(3, framer.headerBytesHeld());
        assertEquals(3, framer.bufferedBytes());
        assertEquals(-1, framer.expectedFrameLength());
        assertEquals(-1, framer.currentTag());

        read(0x0B, 0, 0, 0);
        assertEquals(7, framer.headerBytesHeld(), "the length alone does not complete the header");
        assertEquals(-1, framer.expectedFrameLength());

        read(1);
        assertFalse(framer.isReadingHeader());
        assertEquals(8, framer.headerBytesHeld());
        assertEquals(8, framer.bufferedBytes());
        assertEquals(15, framer.expectedFrameLength());
        assertEquals(1, framer.currentTag());

        read(0, 5, 'h');
        assertEquals(8, framer.headerBytesHeld());
        assertEquals(11, framer.bufferedBytes());
        assertEquals(15, framer.expectedFrameLength());
        assertEquals(List.of(), frames.frames);

        framer.decode(ByteBuffer.wrap(hello, 11, 4), frames);
        assertEquals(List.of("1:Say[text=hello]"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void aHeaderReadInPlaceIsHeldWithItsFrameWhenTheFrameIsCut() {
        read(0, 0, 0, 0x0B, 0, 0, 0, 1, 0, 5);

        assertFalse(framer.isReadingHeader());
        assertEquals(8, framer.headerBytesHeld());
        assertEquals(10, framer.bufferedBytes());
        assertEquals(15, framer.expectedFrameLength());
        assertEquals(1, framer.currentTag());

        read('h', 'e', 'l', 'l', 'o', 0, 0);

        assertEquals(List.of("1:Say[text=hello]"), frames.frames);
        assertTrue(framer.isReadingHeader());
        assertEquals(2, framer.headerBytesHeld(), "the next header has begun");
        assertEquals(2, framer.bufferedBytes());
    }

    @Test
    void aWholeFrameIsReadFromTheInputItselfHoldingNothing() {
        ByteBuffer in = ByteBuffer.wrap(Bytes.concat(SeedFramer.say("one"), SeedFramer.frame(0)));

        framer.decode(in, frames);

        assertEquals(List.of("1:Say[text=one]", "0:Type0[]"), frames.frames);
        assertEquals(2, framer.views.size());
        assertSame(in, framer.views.get(0));
        assertSame(in, framer.views.get(1));
        assertEquals(List.of(0, 0), framer.bufferedDuringRead);
        assertEquals(in.capacity(), in.limit(), "the limit is restored");
        assertEquals(in.limit(), in.position());
    }

    @Test
    void aFrameThatArrivesInPiecesIsReadFromItsCopyWithTheStateAlreadyClear() {
        byte[] wire = SeedFramer.say("one");

        framer.decode(ByteBuffer.wrap(wire, 0, 5), frames);
        ByteBuffer rest = ByteBuffer.wrap(wire, 5, wire.length - 5);
        framer.decode(rest, frames);

        assertEquals(List.of("1:Say[text=one]"), frames.frames);
        assertNotSame(rest, framer.views.get(0));
        assertEquals(List.of(0), framer.bufferedDuringRead);
    }

    @Test
    void theSinkSeesTheFramerAlreadyBetweenFrames() {
        List<String> seen = new ArrayList<>();
        var sink = new KindRecorder<SeedFramer.Message>() {
            @Override
            public void onFrameOfKind(int kind, SeedFramer.Message frame) {
                super.onFrameOfKind(kind, frame);
                seen.add(framer.isReadingHeader() + "/" + framer.bufferedBytes() + "/" + framer.currentTag()
                        + "/" + framer.expectedFrameLength());
            }
        };
        byte[] wire = Bytes.concat(SeedFramer.say("a"), SeedFramer.frame(0));

        framer.decode(ByteBuffer.wrap(wire, 0, 3), sink);
        framer.decode(ByteBuffer.wrap(wire, 3, wire.length - 3), sink);

        assertEquals(List.of("1:Say[text=a]", "0:Type0[]"), sink.frames);
        assertEquals(List.of("true/0/-1/-1", "true/0/-1/-1"), seen);
    }

    static Stream<Arguments> lengthsOverTheLimit() {
        return Stream.of(
                Arguments.of(Bytes.of(0, 0x01, 0x86, 0x9D), 100_001L),
                Arguments.of(Bytes.of(0x7F, 0xFF, 0xFF, 0xFF), 0x7FFF_FFFFL + 4),
                Arguments.of(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF), 0xFFFF_FFFFL + 4));
    }

    @ParameterizedTest
    @MethodSource("lengthsOverTheLimit")
    void rejectsALengthOverTheLimitOnceTheHeaderIsCompleteBeforeTheFrameArrives(byte[] length, long declared) {
        byte[] header = Bytes.concat(length, Bytes.of(0, 0, 0, 1));

        framer.decode(ByteBuffer.wrap(header, 0, 7), frames);
        assertEquals(7, framer.bufferedBytes());
        var e = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(header, 7, 1), frames));

        assertEquals(declared, e.declaredLength().getAsLong());
        assertEquals(100_000, e.limit());
        assertTrue(e.getMessage().startsWith("Seed frame of " + declared + " bytes"), e.getMessage());
        assertEquals(8, framer.bufferedBytes(), "the header, and nothing for the frame");
        assertTrue(framer.hasFailed());
        assertEquals(List.of(), frames.frames);
    }

    @Test
    void rejectsALengthOverTheLimitReadInPlaceHoldingNothing() {
        ByteBuffer in = ByteBuffer.wrap(Bytes.of(0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 'a', 'b'));

        assertThrows(FrameTooLongException.class, () -> framer.decode(in, frames));

        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void acceptsAFrameExactlyAtTheLimit() {
        var atLimit = new SeedFramer(FrameHeader.builder("Seed").length(0, 4, true, 0)
                .tag(4, 4, 0, true).maxFrameLength(13).build());

        atLimit.decode(ByteBuffer.wrap(SeedFramer.say("abc")), frames);
        assertEquals(List.of("1:Say[text=abc]"), frames.frames);
        assertThrows(FrameTooLongException.class,
                () -> atLimit.decode(ByteBuffer.wrap(SeedFramer.say("abcd")), frames));
    }

    @Test
    void anEightByteLengthWithTheTopBitSetIsTooLongNotNegative() {
        var header = FrameHeader.builder("Wide").length(0, 8, true, 0).maxFrameLength(1024).build();
        var wide = new Tagless(header);

        var e = assertThrows(FrameTooLongException.class,
                () -> wide.decode(ByteBuffer.wrap(Bytes.of(0x80, 0, 0, 0, 0, 0, 0, 0)), new KindRecorder<>()));

        assertEquals(0x8000_0000_0000_0008L, e.declaredLength().getAsLong());
    }

    @Test
    void aLengthPast64BitsSaturatesRatherThanWrapping() {
        var header = FrameHeader.builder("Wide").length(0, 8, false, 0).maxFrameLength(1024).build();
        var wide = new Tagless(header);

        var e = assertThrows(FrameTooLongException.class, () -> wide.decode(
                ByteBuffer.wrap(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)), new KindRecorder<>()));

        assertEquals(-1L, e.declaredLength().getAsLong(), "2^64 - 1, unsigned");
    }

    static Stream<Arguments> framesEndingInsideTheirHeader() {
        // A length counting the whole frame (adjustment -4): the header alone is 8 bytes.
        return Stream.of(
                Arguments.of(-4, Bytes.of(0, 0, 0, 7, 0, 0, 0, 0)),
                Arguments.of(-4, Bytes.of(0, 0, 0, 3, 0, 0, 0, 0)),
                Arguments.of(-4, Bytes.of(0, 0, 0, 0, 0, 0, 0, 0)),
                Arguments.of(-10, Bytes.of(0, 0, 0, 2, 0, 0, 0, 0)),
                Arguments.of(Integer.MIN_VALUE, Bytes.of(0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("framesEndingInsideTheirHeader")
    void aLengthThatEndsTheFrameInsideItsHeaderIsCorrupt(int adjustment, byte[] header) {
        var whole = new SeedFramer(SeedFramer.header(adjustment));

        var e = assertThrows(CorruptFrameException.class, () -> whole.decode(ByteBuffer.wrap(header), frames));

        assertTrue(e.getMessage().contains("ends inside its own 8-byte header"), e.getMessage());
        assertTrue(whole.hasFailed());
    }

    @Test
    void aNegativeAdjustmentLetsTheLengthCountTheWholeFrame() {
        var whole = new SeedFramer(SeedFramer.header(-4));

        whole.decode(ByteBuffer.wrap(Bytes.of(0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 1, 0, 1, 'x')), frames);

        assertEquals(List.of("0:Type0[]", "1:Say[text=x]"), frames.frames);
    }

    @Test
    void anUnknownTagIsCorruptFromTheHeaderAlone() {
        var e = assertThrows(CorruptFrameException.class, () -> read(0, 0, 0, 100, 0, 0, 0x01, 0x2A));

        assertEquals("Seed: unknown tag 0x12a", e.getMessage());
        assertTrue(framer.hasFailed());
    }

    @Test
    void aFrameShorterThanItsLayoutIsCorrupt() {
        // A Say of 9 bytes: its 2-byte text length is cut after one byte.
        var e = assertThrows(CorruptFrameException.class, () -> read(0, 0, 0, 5, 0, 0, 0, 1, 0));

        assertEquals("Seed: a frame of 9 bytes with tag 0x1 ends inside its layout", e.getMessage());
        assertTrue(framer.hasFailed());
    }

    @Test
    void aTextLongerThanItsFrameIsCorruptHoweverTheFrameArrives() {
        byte[] wire = SeedFramer.frame(1, Bytes.of(0, 5, 'a', 'b'));
        for (int split = 0; split < wire.length; split++) {
            var fresh = new SeedFramer();
            fresh.decode(ByteBuffer.wrap(wire, 0, split), frames);
            int at = split;

            assertThrows(CorruptFrameException.class,
                    () -> fresh.decode(ByteBuffer.wrap(wire, at, wire.length - at), frames), "split at " + split);
        }
        assertEquals(List.of(), frames.frames);
    }

    @Test
    void bytesLeftAfterTheLastComponentAreCorrupt() {
        var e = assertThrows(CorruptFrameException.class, () -> read(SeedFramer.frame(0, Bytes.of(7, 7))));

        assertEquals("Seed: 2 bytes after the last component of a frame with tag 0x0", e.getMessage());
        assertTrue(framer.hasFailed());
    }

    // ---- rejected frames shown to the sink

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aRejectedFrameIsShownWholeToTheSinkHoweverItArrives(Reads chunking) {
        byte[] bad = SeedFramer.frame(1, Bytes.of(0, 5, 'a', 'b'));

        var e = assertThrows(CorruptFrameException.class,
                () -> frames.feed(chunking, Bytes.concat(SeedFramer.say("ok"), bad, SeedFramer.frame(0)), framer));

        assertEquals(List.of("1:Say[text=ok]"), frames.frames);
        assertEquals(List.of(KindRecorder.rejection(1, bad, e.getMessage())), frames.rejected);
    }

    @Test
    void aFrameWithBytesLeftOverIsShownWhole() {
        byte[] bad = SeedFramer.frame(0, Bytes.of(7, 7));

        var e = assertThrows(CorruptFrameException.class, () -> read(bad));

        assertEquals(List.of(KindRecorder.rejection(0, bad, e.getMessage())), frames.rejected);
    }

    @Test
    void theSinkSeesARejectedFrameReadOnlyWithTheFramerAlreadyFailed() {
        List<String> seen = new ArrayList<>();
        FrameSink<SeedFramer.Message> sink = new FrameSink<>() {
            @Override
            public void onFrame(SeedFramer.Message frame) {}

            @Override
            public void onRejectedFrame(int kind, ByteBuffer frame, FramingException error) {
                seen.add("failed=" + framer.hasFailed() + " readOnly=" + frame.isReadOnly()
                        + " order=" + frame.order());
                var again = assertThrows(IllegalStateException.class,
                        () -> framer.decode(ByteBuffer.wrap(SeedFramer.frame(0)), this));
                assertSame(error, again.getCause());
            }
        };
        ByteBuffer in = ByteBuffer.wrap(SeedFramer.say("corrupt")).order(ByteOrder.LITTLE_ENDIAN);

        assertThrows(CorruptFrameException.class, () -> framer.decode(in, sink));

        assertEquals(List.of("failed=true readOnly=true order=BIG_ENDIAN"), seen);
        assertEquals(ByteOrder.LITTLE_ENDIAN, in.order(), "the caller's buffer keeps its order");
    }

    @Test
    void framesRefusedFromTheirHeaderAreNotShown() {
        assertThrows(CorruptFrameException.class, () -> read(0, 0, 0, 100, 0, 0, 0x01, 0x2A));
        var tooLong = new SeedFramer();
        assertThrows(FrameTooLongException.class,
                () -> tooLong.decode(ByteBuffer.wrap(Bytes.of(0x7f, 0, 0, 0, 0, 0, 0, 1)), frames));

        assertEquals(List.of(), frames.rejected);
    }

    @Test
    void aCorruptFrameExceptionFromReadPoisonsTheFramer() {
        ByteBuffer in = ByteBuffer.wrap(
                Bytes.concat(SeedFramer.say("ok"), SeedFramer.say("corrupt"), SeedFramer.frame(0)));

        var e = assertThrows(CorruptFrameException.class, () -> framer.decode(in, frames));

        assertEquals("Say refuses to say \"corrupt\"", e.getMessage());
        assertEquals(List.of("1:Say[text=ok]"), frames.frames, "the frames before it are delivered");
        assertTrue(framer.hasFailed());
        var later = assertThrows(IllegalStateException.class, () -> framer.decode(in, frames));
        assertSame(e, later.getCause());
    }

    @Test
    void isPoisonedAfterAFailure() {
        var failure = assertThrows(CorruptFrameException.class, () -> read(0, 0, 0, 4, 0, 0, 0, 9));

        var later = assertThrows(IllegalStateException.class, () -> read(SeedFramer.frame(0)));
        assertSame(failure, later.getCause());
        assertTrue(later.getMessage().contains("Seed framer failed earlier"), later.getMessage());
        assertThrows(IllegalStateException.class, () -> read());
        assertEquals(List.of(), frames.frames);
    }

    @Test
    void aSinkThatStopsReceivingLeavesTheRestInTheInput() {
        ByteBuffer in = ByteBuffer.wrap(Bytes.concat(SeedFramer.frame(0), SeedFramer.say("two")));
        var once = new KindRecorder<SeedFramer.Message>() {
            @Override
            public boolean isReceiving() {
                return frames.isEmpty();
            }
        };

        framer.decode(in, once);

        assertEquals(List.of("0:Type0[]"), once.frames);
        assertEquals(8, in.position(), "just past the first frame");
        assertEquals(in.capacity(), in.limit());
        assertBetweenFrames();

        framer.decode(in, frames);
        assertEquals(List.of("1:Say[text=two]"), frames.frames);
        assertEquals(in.limit(), in.position());
    }

    @Test
    void exceptionsFromTheSinkPassThroughUntouchedAndDoNotPoison() {
        var boom = new IllegalStateException("boom");
        var refused = new CorruptFrameException("the handler refuses this one");
        ByteBuffer in = ByteBuffer.wrap(
                Bytes.concat(SeedFramer.frame(0), SeedFramer.say("two"), SeedFramer.say("three")));
        var throwing = new KindRecorder<SeedFramer.Message>() {
            @Override
            public void onFrameOfKind(int kind, SeedFramer.Message frame) {
                super.onFrameOfKind(kind, frame);
                if (frames.size() == 1) {
                    throw boom;
                }
                if (frames.size() == 2) {
                    throw refused;
                }
            }
        };

        assertSame(boom, assertThrows(IllegalStateException.class, () -> framer.decode(in, throwing)));
        assertEquals(8, in.position(), "the frame is consumed");
        assertEquals(in.capacity(), in.limit());
        assertSame(refused, assertThrows(CorruptFrameException.class, () -> framer.decode(in, throwing)));
        framer.decode(in, throwing);

        assertEquals(List.of("0:Type0[]", "1:Say[text=two]", "1:Say[text=three]"), throwing.frames);
        assertFalse(framer.hasFailed());
        assertEquals(in.limit(), in.position());
    }

    @Test
    void reportsItsHeader() {
        assertSame(SeedFramer.HEADER, framer.header());
    }

    /** A protocol without a tag: the engine asks {@link #kindOf} about tag 0. */
    static final class Tagless extends HeaderFramer<String> {
        final List<Long> tagsAsked = new ArrayList<>();

        Tagless(FrameHeader header) {
            super(header);
        }

        @Override
        protected int kindOf(long tag) {
            tagsAsked.add(tag);
            return 0;
        }

        @Override
        protected String read(int kind, ByteBuffer frame) {
            frame.position(frame.position() + lengthFieldEnd());
            return Bytes.take(frame);
        }
    }

    @Test
    void aProtocolWithoutATagHasKindZeroForTagZero() {
        var lines = new Tagless(FrameHeader.builder("Lines").length(0, 1, true, 0).maxFrameLength(100).build());
        var got = new KindRecorder<String>();

        lines.decode(ByteBuffer.wrap(Bytes.of(2, 'h', 'i', 0, 1, '!')), got);

        assertEquals(List.of("0:hi", "0:", "0:!"), got.frames);
        assertEquals(List.of(0L, 0L, 0L), lines.tagsAsked);
        assertFalse(lines.header().hasTag());
    }
}
