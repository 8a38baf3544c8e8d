package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LengthPrefixedTest {

    private static final String BODY_300 = Bytes.pattern(300);
    private static final String BODY_70000 = Bytes.pattern(70_000);

    /** Frames of many sizes, empty ones included, with their headers written out by hand. */
    private static final byte[] STREAM = Bytes.concat(
            Bytes.of(0, 0, 0, 0),
            Bytes.of(0, 0, 0, 1), Bytes.text("a"),
            Bytes.of(0, 0, 0, 5), Bytes.text("hello"),
            Bytes.of(0, 0, 0x01, 0x2C), Bytes.text(BODY_300),
            Bytes.of(0, 0, 0, 0),
            Bytes.of(0, 0x01, 0x11, 0x70), Bytes.text(BODY_70000),
            Bytes.of(0, 0, 0, 3), Bytes.text("end"));

    private static final List<String> FRAMES = List.of("", "a", "hello", BODY_300, "", BODY_70000, "end");

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysTheSameFramesHoweverTheInputIsCut(Reads chunking) {
        var framer = LengthPrefixed.int32(100_000);
        var frames = new Recorder();

        chunking.feed(STREAM, framer, frames);

        assertEquals(FRAMES, frames.frames);
        assertEquals(0, framer.bufferedBytes());
    }

    static Stream<Arguments> widthsAndOrders() {
        return Stream.of(
                Arguments.of(1, ByteOrder.BIG_ENDIAN, Bytes.of(3)),
                Arguments.of(2, ByteOrder.BIG_ENDIAN, Bytes.of(0, 3)),
                Arguments.of(2, ByteOrder.LITTLE_ENDIAN, Bytes.of(3, 0)),
                Arguments.of(4, ByteOrder.BIG_ENDIAN, Bytes.of(0, 0, 0, 3)),
                Arguments.of(4, ByteOrder.LITTLE_ENDIAN, Bytes.of(3, 0, 0, 0)),
                Arguments.of(8, ByteOrder.BIG_ENDIAN, Bytes.of(0, 0, 0, 0, 0, 0, 0, 3)),
                Arguments.of(8, ByteOrder.LITTLE_ENDIAN, Bytes.of(3, 0, 0, 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("widthsAndOrders")
    void readsEveryWidthAndOrder(int width, ByteOrder order, byte[] headerOfThree) {
        var framer = new LengthPrefixed(width, order, 1000);
        var frames = new Recorder();

        for (int size = 1; size <= 3; size++) {
            int chunk = size;
            new Reads("chunks of " + size, remaining -> chunk, false)
                    .feed(Bytes.concat(headerOfThree, Bytes.text("abc")), framer, frames);
        }

        assertEquals(List.of("abc", "abc", "abc"), frames.frames);
    }

    @ParameterizedTest
    @MethodSource("widthsAndOrders")
    void writesEveryWidthAndOrder(int width, ByteOrder order, byte[] headerOfThree) {
        var transport = new RecordingTransport();
        ByteBuffer body = Bytes.buffer("abc");

        new LengthPrefixed(width, order, 1000).write(transport, body);

        assertArrayEquals(Bytes.concat(headerOfThree, Bytes.text("abc")), transport.takeWritten());
        assertFalse(body.hasRemaining());
    }

    @Test
    void writesTheInt32ExampleExactly() {
        var transport = new RecordingTransport();
        var framer = LengthPrefixed.int32(1000);

        framer.write(transport, Bytes.buffer("hello"));
        framer.write(transport, Bytes.buffer(""));

        assertArrayEquals(Bytes.of(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0), transport.takeWritten());
    }

    @Test
    void whatItWritesDecodesBack() {
        var transport = new RecordingTransport();
        var framer = new LengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 100_000);
        List<String> bodies = List.of("", "x", BODY_300, Bytes.pattern(65_535));
        bodies.forEach(body -> framer.write(transport, Bytes.buffer(body)));
        var frames = new Recorder();

        new LengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 100_000)
                .decode(ByteBuffer.wrap(transport.takeWritten()), frames);

        assertEquals(bodies, frames.frames);
    }

    @Test
    void refusesToWriteABodyTheLengthFieldCannotExpress() {
        var transport = new RecordingTransport();
        var oneByte = new LengthPrefixed(1, ByteOrder.BIG_ENDIAN, 1000);
        var twoBytes = new LengthPrefixed(2, ByteOrder.BIG_ENDIAN, 100_000);

        oneByte.write(transport, ByteBuffer.allocate(255));
        twoBytes.write(transport, ByteBuffer.allocate(65_535));
        assertEquals(1 + 255 + 2 + 65_535, transport.takeWritten().length);

        ByteBuffer tooLongForOne = ByteBuffer.allocate(256);
        var e1 = assertThrows(IllegalArgumentException.class, () -> oneByte.write(transport, tooLongForOne));
        assertTrue(e1.getMessage().contains("256"), e1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> twoBytes.write(transport, ByteBuffer.allocate(65_536)));
        assertEquals(0, transport.takeWritten().length, "nothing is written");
        assertEquals(256, tooLongForOne.remaining(), "the body is not consumed");
    }

    @Test
    void writingDoesNotApplyTheReceiveLimit() {
        var transport = new RecordingTransport();

        LengthPrefixed.int32(2).write(transport, Bytes.buffer("hello"));

        assertArrayEquals(Bytes.of(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'), transport.takeWritten());
    }

    static Stream<Arguments> headersOverTheLimit() {
        return Stream.of(
                Arguments.of(Bytes.of(0, 0, 0x04, 0x01), 1025L),
                Arguments.of(Bytes.of(0x7F, 0xFF, 0xFF, 0xFF), 0x7FFF_FFFFL),
                Arguments.of(Bytes.of(0x80, 0, 0, 0), 0x8000_0000L),
                Arguments.of(Bytes.of(0xFF, 0xFF, 0xFF, 0xFF), 0xFFFF_FFFFL));
    }

    @ParameterizedTest
    @MethodSource("headersOverTheLimit")
    void rejectsALengthOverTheLimitFromTheHeaderAlone(byte[] header, long declared) {
        var framer = LengthPrefixed.int32(1024);
        var frames = new Recorder();

        framer.decode(ByteBuffer.wrap(header, 0, 3), frames);
        assertEquals(3, framer.bufferedBytes());

        // The body never arrives: the last header byte alone is enough.
        var e = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(header, 3, 1), frames));

        assertEquals(declared, e.declaredLength().getAsLong());
        assertEquals(1024, e.limit());
        assertTrue(framer.bufferedBytes() <= 4, "nothing allocated for the body");
        assertEquals(0, framer.bodyBytesHeld());
        assertEquals(List.of(), frames.frames);
    }

    @Test
    void acceptsALengthExactlyAtTheLimit() {
        var framer = LengthPrefixed.int32(4);
        var frames = new Recorder();

        framer.decode(ByteBuffer.wrap(Bytes.of(0, 0, 0, 4, 'a', 'b', 'c', 'd')), frames);

        assertEquals(List.of("abcd"), frames.frames);
    }

    @Test
    void anEightByteLengthWithTheTopBitSetIsTooLongNotNegative() {
        var framer = new LengthPrefixed(8, ByteOrder.BIG_ENDIAN, 1024);

        var e = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0x80, 0, 0, 0, 0, 0, 0, 1)), new Recorder()));

        assertEquals(0x8000_0000_0000_0001L, e.declaredLength().getAsLong());
    }

    @Test
    void aLittleEndianLengthOverTheLimitIsRejected() {
        var framer = new LengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 1024);

        var e = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0x01, 0x04)), new Recorder()));

        assertEquals(0x0401, e.declaredLength().getAsLong());
    }

    @Test
    void isPoisonedAfterAFailure() {
        var framer = LengthPrefixed.int32(10);
        var failure = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0, 0, 0, 11)), new Recorder()));

        var later = assertThrows(IllegalStateException.class,
                () -> framer.decode(ByteBuffer.wrap(Bytes.of(0, 0, 0, 1, 'x')), new Recorder()));
        assertSame(failure, later.getCause());
        assertTrue(later.getMessage().contains("failed earlier"), later.getMessage());
        assertThrows(IllegalStateException.class, () -> framer.decode(ByteBuffer.allocate(0), new Recorder()));
    }


    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new LengthPrefixed(3, ByteOrder.BIG_ENDIAN, 10));
        assertThrows(IllegalArgumentException.class, () -> new LengthPrefixed(0, ByteOrder.BIG_ENDIAN, 10));
        assertThrows(IllegalArgumentException.class, () -> new LengthPrefixed(4, ByteOrder.BIG_ENDIAN, -1));
        assertThrows(IllegalArgumentException.class, () -> LengthPrefixed.int32(Integer.MAX_VALUE));
        assertThrows(NullPointerException.class, () -> new LengthPrefixed(4, null, 10));
    }

    @Test
    void reportsItsConfiguration() {
        var framer = new LengthPrefixed(2, ByteOrder.LITTLE_ENDIAN, 77);

        assertEquals(2, framer.lengthFieldBytes());
        assertEquals(ByteOrder.LITTLE_ENDIAN, framer.order());
        assertEquals(77, framer.maxFrameLength());
        assertEquals(4, LengthPrefixed.int32(9).lengthFieldBytes());
        assertEquals(ByteOrder.BIG_ENDIAN, LengthPrefixed.int32(9).order());
    }
}
