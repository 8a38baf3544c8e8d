package dev.twine.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.examples.SeedRequest;
import dev.twine.examples.SeedRequestFramer;
import dev.twine.framing.FrameSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's nine scenarios ({@code LengthPrefixedScenariosTest}: how a length-prefixed stream
 * comes apart across reads) replayed against the framer javac generated for the seed protocol,
 * {@link SeedRequest}, with its state asserted between reads.
 *
 * <p>A seed frame is a 4-byte length, a 4-byte type and the rest; where a scenario has the body
 * "hello", this has a {@code Count} (type 0) whose rest is "hello", whose 4 + 5 bytes the length
 * counts:
 *
 * <pre>
 * 00 00 00 09 | 00 00 00 00 | 68 65 6c 6c 6f      a frame of 13 bytes
 * </pre>
 *
 * The framer's header is the length and the type, 8 bytes, and it holds a frame that arrives in
 * pieces from its first byte: {@code bufferedBytes} counts the header too, and
 * {@code expectedFrameLength} the whole frame.
 */
class SeedFramerScenariosTest {

    private final SeedRequestFramer framer = new SeedRequestFramer();
    private final List<String> frames = new ArrayList<>();

    /** Keeps each frame as {@code Type:rest}, checking that its kind and its type agree. */
    private final FrameSink<SeedRequest> sink = new FrameSink<>() {
        @Override
        public void onFrame(SeedRequest frame) {
            throw new AssertionError("a generated framer delivers every frame with its kind");
        }

        @Override
        public void onFrameOfKind(int kind, SeedRequest frame) {
            frames.add(switch (kind) {
                case SeedRequestFramer.KIND_COUNT -> "Count:" + text(((SeedRequest.Count) frame).rest());
                case SeedRequestFramer.KIND_ASK_TOTAL -> "AskTotal:" + text(((SeedRequest.AskTotal) frame).rest());
                default -> throw new AssertionError("no seed request has kind " + kind);
            });
        }
    };

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private void read(int... bytes) {
        byte[] input = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            input[i] = (byte) bytes[i];
        }
        read(ByteBuffer.wrap(input));
    }

    private void read(String text) {
        read(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private void read(ByteBuffer in) {
        framer.decode(in, sink);
        assertFalse(in.hasRemaining(), "every byte of the read is consumed");
    }

    private void assertBetweenFrames() {
        assertTrue(framer.isReadingHeader());
        assertEquals(0, framer.headerBytesHeld());
        assertEquals(-1, framer.expectedFrameLength());
        assertEquals(-1, framer.currentTag());
        assertEquals(0, framer.bufferedBytes());
        assertFalse(framer.hasFailed());
    }

    /** Part of the 8-byte header held: nothing is known of the frame yet. */
    private void assertInHeader(int held) {
        assertTrue(framer.isReadingHeader());
        assertEquals(held, framer.headerBytesHeld());
        assertEquals(-1, framer.expectedFrameLength());
        assertEquals(-1, framer.currentTag());
        assertEquals(held, framer.bufferedBytes());
    }

    /** The header complete, with the frame's length and tag, and {@code buffered} bytes held. */
    private void assertInFrame(int frameLength, long tag, int buffered) {
        assertFalse(framer.isReadingHeader());
        assertEquals(8, framer.headerBytesHeld());
        assertEquals(frameLength, framer.expectedFrameLength());
        assertEquals(tag, framer.currentTag());
        assertEquals(buffered, framer.bufferedBytes());
    }

    @Test
    void allBytesInOneRead() {
        read(0, 0, 0, 9, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o');

        assertEquals(List.of("Count:hello"), frames);
        assertBetweenFrames();
    }

    @Test
    void lengthSplitTwoAndTwo_restWhole() {
        read(0, 0);

        assertEquals(List.of(), frames);
        assertInHeader(2);

        read(0, 9, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o');

        assertEquals(List.of("Count:hello"), frames);
        assertBetweenFrames();
    }

    @Test
    void headerWhole_restSplitOneAndRest() {
        read(0, 0, 0, 9, 0, 0, 0, 0, 'h');

        assertEquals(List.of(), frames);
        assertInFrame(13, 0, 9);

        read("ello");

        assertEquals(List.of("Count:hello"), frames);
        assertBetweenFrames();
    }

    @Test
    void headerSplitOneByteAtATime() {
        int[] header = {0, 0, 0, 9, 0, 0, 0, 0};
        for (int i = 0; i < header.length - 1; i++) {
            read(header[i]);
            // The length is whole after 4 bytes, but nothing is judged before the type is in too.
            assertInHeader(i + 1);
        }
        read(header[header.length - 1]);

        assertInFrame(13, 0, 8);
        assertEquals(List.of(), frames);

        read("hello");

        assertEquals(List.of("Count:hello"), frames);
        assertBetweenFrames();
    }

    @Test
    void twoFramesInOneRead() {
        read(0, 0, 0, 9, 0, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 7, 0, 0, 0, 1, 'b', 'y', 'e');

        assertEquals(List.of("Count:hello", "AskTotal:bye"), frames);
        assertBetweenFrames();
    }

    @Test
    void frameBoundaryMidBuffer() {
        read(0, 0, 0, 9, 0, 0, 0, 0, 'h', 'e');
        assertInFrame(13, 0, 10);

        // The first frame ends three bytes into this read; the second one follows whole.
        read('l', 'l', 'o', 0, 0, 0, 7, 0, 0, 0, 1, 'b', 'y', 'e');

        assertEquals(List.of("Count:hello", "AskTotal:bye"), frames);
        assertBetweenFrames();
    }

    /** A seed frame cannot be shorter than its header: the empty body's twin is an empty rest. */
    @Test
    void nothingAfterTheTypeFiresImmediately() {
        read(0, 0, 0, 4, 0, 0, 0, 0);

        assertEquals(List.of("Count:"), frames);
        assertBetweenFrames();
    }

    @Test
    void bytesAfterAFrameStayBufferedAsTheNextFramesHeader() {
        read(0, 0, 0, 6, 0, 0, 0, 0, 'h', 'i', 0, 0);

        assertEquals(List.of("Count:hi"), frames);
        assertInHeader(2);

        read(0, 7, 0, 0, 0, 1, 'b');

        assertEquals(List.of("Count:hi"), frames);
        assertInFrame(11, 1, 9);

        read('y', 'e');

        assertEquals(List.of("Count:hi", "AskTotal:bye"), frames);
        assertBetweenFrames();
    }

    @Test
    void anEmptyReadIsANoOp() {
        read();
        assertBetweenFrames();

        read(0, 0);
        read();
        assertInHeader(2);

        read(0, 9, 0, 0, 0, 0, 'h');
        read();
        assertInFrame(13, 0, 9);

        read("ello");
        assertEquals(List.of("Count:hello"), frames);
        assertBetweenFrames();
    }
}
