package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a 4-byte big-endian length prefix comes apart across reads, one scenario per test, with the
 * framer's state asserted between reads.
 */
class LengthPrefixedScenariosTest {

    private final LengthPrefixed framer = LengthPrefixed.int32(1024);
    private final Recorder frames = new Recorder();

    private void read(int... bytes) {
        framer.decode(ByteBuffer.wrap(Bytes.of(bytes)), frames);
    }

    private void read(String text) {
        framer.decode(Bytes.buffer(text), frames);
    }

    private void assertBetweenFrames() {
        assertTrue(framer.isReadingHeader());
        assertEquals(0, framer.headerBytesHeld());
        assertEquals(0, framer.bodyBytesHeld());
        assertEquals(-1, framer.expectedBodyLength());
        assertEquals(0, framer.bufferedBytes());
    }

    @Test
    void allBytesInOneRead() {
        read(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o');

        assertEquals(List.of("hello"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void lengthSplitTwoAndTwo_bodyWhole() {
        read(0, 0);

        assertEquals(List.of(), frames.frames);
        assertTrue(framer.isReadingHeader());
        assertEquals(2, framer.headerBytesHeld());
        assertEquals(-1, framer.expectedBodyLength());
        assertEquals(2, framer.bufferedBytes());

        read(0, 5, 'h', 'e', 'l', 'l', 'o');

        assertEquals(List.of("hello"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void lengthWhole_bodySplitOneAndRest() {
        read(0, 0, 0, 5, 'h');

        assertEquals(List.of(), frames.frames);
        assertFalse(framer.isReadingHeader());
        assertEquals(4, framer.headerBytesHeld());
        assertEquals(5, framer.expectedBodyLength());
        assertEquals(1, framer.bodyBytesHeld());
        assertEquals(5, framer.bufferedBytes());

        read("ello");

        assertEquals(List.of("hello"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void lengthSplitOneByteAtATime() {
        read(0);
        assertEquals(1, framer.headerBytesHeld());
        read(0);
        assertEquals(2, framer.headerBytesHeld());
        read(0);
        assertEquals(3, framer.headerBytesHeld());
        assertTrue(framer.isReadingHeader());
        read(5);

        assertFalse(framer.isReadingHeader());
        assertEquals(5, framer.expectedBodyLength());
        assertEquals(0, framer.bodyBytesHeld());
        assertEquals(List.of(), frames.frames);

        read("hello");

        assertEquals(List.of("hello"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void twoFramesInOneRead() {
        read(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 3, 'b', 'y', 'e');

        assertEquals(List.of("hello", "bye"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void frameBoundaryMidBuffer() {
        read(0, 0, 0, 5, 'h', 'e');
        assertEquals(2, framer.bodyBytesHeld());

        // The first frame ends three bytes into this read; the second one follows whole.
        read('l', 'l', 'o', 0, 0, 0, 3, 'b', 'y', 'e');

        assertEquals(List.of("hello", "bye"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void zeroLengthBodyFiresImmediately() {
        read(0, 0, 0, 0);

        assertEquals(List.of(""), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void bytesAfterAFrameStayBufferedAsTheNextFramesLength() {
        read(0, 0, 0, 2, 'h', 'i', 0, 0);

        assertEquals(List.of("hi"), frames.frames);
        assertTrue(framer.isReadingHeader());
        assertEquals(2, framer.headerBytesHeld());
        assertEquals(2, framer.bufferedBytes());

        read(0, 3, 'b');

        assertEquals(List.of("hi"), frames.frames);
        assertEquals(3, framer.expectedBodyLength());
        assertEquals(1, framer.bodyBytesHeld());
        assertEquals(5, framer.bufferedBytes());

        read('y', 'e');

        assertEquals(List.of("hi", "bye"), frames.frames);
        assertBetweenFrames();
    }

    @Test
    void anEmptyReadIsANoOp() {
        read();
        assertBetweenFrames();

        read(0, 0);
        read();
        assertEquals(2, framer.headerBytesHeld());

        read(0, 5, 'h');
        read();
        assertEquals(1, framer.bodyBytesHeld());
        assertEquals(5, framer.expectedBodyLength());

        read("ello");
        assertEquals(List.of("hello"), frames.frames);
        assertBetweenFrames();
    }
}
