package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twine.framing.Netstring.Stage;
import dev.twine.testing.RecordingTransport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetstringTest {

    private static final String DATA_1000 = Bytes.pattern(1000);
    private static final String DATA_70000 = Bytes.pattern(70_000);

    private static final String STREAM = "0:,"
            + "5:hello,"
            + "1:,,"
            + "3:a:b,"
            + "12:hello world!,"
            + "0:,"
            + "1000:" + DATA_1000 + ","
            + "70000:" + DATA_70000 + ","
            + "3:end,";

    private static final List<String> FRAMES =
            List.of("", "hello", ",", "a:b", "hello world!", "", DATA_1000, DATA_70000, "end");

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void replaysTheSameFramesHoweverTheInputIsCut(Reads chunking) {
        var framer = new Netstring(100_000);
        var frames = new Recorder();

        chunking.feed(Bytes.text(STREAM), framer, frames);

        assertEquals(FRAMES, frames.frames);
        assertEquals(0, framer.bufferedBytes());
        assertEquals(Stage.LENGTH, framer.stage());
    }

    @Test
    void exposesWhereItIsInANetstring() {
        var framer = new Netstring(100);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("1"), frames);
        assertEquals(Stage.LENGTH, framer.stage());
        assertEquals(-1, framer.declaredLength());
        assertEquals(1, framer.bufferedBytes());

        framer.decode(Bytes.buffer("2:"), frames);
        assertEquals(Stage.DATA, framer.stage());
        assertEquals(12, framer.declaredLength());
        assertEquals(3, framer.bufferedBytes());

        framer.decode(Bytes.buffer("hello "), frames);
        assertEquals(Stage.DATA, framer.stage());
        assertEquals(9, framer.bufferedBytes());

        framer.decode(Bytes.buffer("world!"), frames);
        assertEquals(Stage.COMMA, framer.stage());
        assertEquals(15, framer.bufferedBytes());
        assertEquals(List.of(), frames.frames);

        framer.decode(Bytes.buffer(","), frames);
        assertEquals(List.of("hello world!"), frames.frames);
        assertEquals(Stage.LENGTH, framer.stage());
        assertEquals(-1, framer.declaredLength());
        assertEquals(0, framer.bufferedBytes());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // input, the exception, the index of the byte that gives it away
                Arguments.of("9999999999999999999999", FrameTooLongException.class, 3),
                Arguments.of("abc", CorruptFrameException.class, 0),
                Arguments.of("4:abcde", CorruptFrameException.class, 6),
                Arguments.of("2:aaa,", CorruptFrameException.class, 4),
                Arguments.of(":aaa,", CorruptFrameException.class, 0),
                Arguments.of("3aaa,", CorruptFrameException.class, 1),
                Arguments.of("01:a,", CorruptFrameException.class, 1),
                Arguments.of("00:,", CorruptFrameException.class, 1),
                Arguments.of("3:abc,1001:", FrameTooLongException.class, 9),
                Arguments.of("-1:a,", CorruptFrameException.class, 0),
                Arguments.of(" 1:a,", CorruptFrameException.class, 0));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedInputAtTheOffendingByte(String input, Class<? extends FramingException> type, int at) {
        var framer = new Netstring(1000);
        byte[] bytes = Bytes.text(input);

        for (int i = 0; i < bytes.length; i++) {
            int index = i;
            if (i == at) {
                assertThrows(type, () -> framer.decode(ByteBuffer.wrap(bytes, index, 1), new Recorder()));
                return;
            }
            framer.decode(ByteBuffer.wrap(bytes, i, 1), new Recorder());
        }
        fail("accepted " + input);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedInputInOneRead(String input, Class<? extends FramingException> type, int at) {
        var framer = new Netstring(1000);
        ByteBuffer in = Bytes.buffer(input);

        assertThrows(type, () -> framer.decode(in, new Recorder()));

        assertTrue(in.position() <= at + 1, "read no further than the offending byte: " + in.position());
    }

    @Test
    void rejectsAnEndlessLengthAfterAFewDigits() {
        var framer = new Netstring(1000);
        ByteBuffer in = Bytes.buffer("9999999999999999999999");

        var e = assertThrows(FrameTooLongException.class, () -> framer.decode(in, new Recorder()));

        assertEquals(4, in.position());
        assertEquals(1000, e.limit());
    }

    @Test
    void acceptsALengthExactlyAtTheLimit() {
        var framer = new Netstring(5);
        var frames = new Recorder();

        framer.decode(Bytes.buffer("5:hello,"), frames);

        assertEquals(List.of("hello"), frames.frames);
        assertThrows(FrameTooLongException.class, () -> framer.decode(Bytes.buffer("6"), frames));
    }

    @Test
    void isPoisonedAfterAFailure() {
        var framer = new Netstring(10);
        var failure = assertThrows(CorruptFrameException.class,
                () -> framer.decode(Bytes.buffer("x"), new Recorder()));

        var later = assertThrows(IllegalStateException.class,
                () -> framer.decode(Bytes.buffer("1:a,"), new Recorder()));
        assertSame(failure, later.getCause());
        assertThrows(IllegalStateException.class, () -> framer.decode(ByteBuffer.allocate(0), new Recorder()));
    }


    @Test
    void writesTheExampleExactly() {
        var transport = new RecordingTransport();
        var framer = new Netstring(100);
        ByteBuffer data = Bytes.buffer("hello world!");

        framer.write(transport, data);
        framer.write(transport, Bytes.buffer(""));

        assertEquals("12:hello world!,0:,", transport.takeWrittenString());
        assertEquals(0, data.remaining());
    }

    @Test
    void whatItWritesDecodesBack() {
        var transport = new RecordingTransport();
        var encoder = new Netstring(0); // the limit is for reading only
        List<String> data = List.of("", "x", "1:a,", DATA_1000, DATA_70000);
        data.forEach(d -> encoder.write(transport, Bytes.buffer(d)));
        var frames = new Recorder();

        new Netstring(100_000).decode(ByteBuffer.wrap(transport.takeWritten()), frames);

        assertEquals(data, frames.frames);
    }

    @Test
    void writesTheLengthOfTheRemainingBytesOnly() {
        var transport = new RecordingTransport();
        ByteBuffer data = Bytes.buffer("skip:kept");
        data.position(5);

        new Netstring(100).write(transport, data);

        assertArrayEquals(Bytes.text("4:kept,"), transport.takeWritten());
    }

    @Test
    void rejectsBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new Netstring(-1));
        assertThrows(IllegalArgumentException.class, () -> new Netstring(Integer.MAX_VALUE));
        assertEquals(42, new Netstring(42).maxLength());
    }
}
