package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HeaderFramer#skipFramesLongerThan}: frames over the limit are shown by their first bytes
 * and dropped as they arrive, never held, and the frames after them are read as usual.
 */
class HeaderFramerSkipTest {

    private static final int LIMIT = 40;
    private static final int SHOWN = 10;

    private final SeedFramer framer = new SeedFramer();
    private final KindRecorder<SeedFramer.Message> frames = new KindRecorder<>();

    HeaderFramerSkipTest() {
        framer.skipFramesLongerThan(LIMIT, SHOWN);
    }

    private static String skipped(byte[] frame) {
        return KindRecorder.skip(1, Arrays.copyOf(frame, SHOWN), frame.length, LIMIT);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void skipsLongFramesShowingTheirStartHoweverTheInputIsCut(Reads chunking) {
        byte[] overTheSkipLimit = SeedFramer.say(Bytes.pattern(100));
        byte[] overTheFrameLimit = SeedFramer.say(Bytes.pattern(150_000));
        byte[] atTheLimit = SeedFramer.say(Bytes.pattern(LIMIT - 10));

        frames.feed(chunking, Bytes.concat(SeedFramer.say("hi"), overTheSkipLimit, SeedFramer.frame(0),
                overTheFrameLimit, atTheLimit, SeedFramer.say("end")), framer);

        assertEquals(List.of("1:Say[text=hi]", "0:Type0[]", "1:Say[text=" + Bytes.pattern(LIMIT - 10) + "]",
                "1:Say[text=end]"), frames.frames);
        assertEquals(List.of(skipped(overTheSkipLimit), skipped(overTheFrameLimit)), frames.skipped);
        assertEquals(0, framer.bytesToSkip());
        assertEquals(0, framer.bufferedBytes());
        assertFalse(framer.hasFailed());
    }

    @Test
    void holdsNoMoreThanTheShownBytesOfASkippedFrame() {
        byte[] huge = SeedFramer.say(Bytes.pattern(1 << 20));
        int mostHeld = 0;

        for (int at = 0; at < huge.length; at += 4096) {
            framer.decode(ByteBuffer.wrap(huge, at, Math.min(4096, huge.length - at)), frames);
            mostHeld = Math.max(mostHeld, framer.bufferedBytes());
            assertEquals(huge.length - Math.min(at + 4096, huge.length), framer.bytesToSkip());
        }

        assertEquals(0, mostHeld, "the shown bytes came in the first read and were shown from it");
        assertEquals(List.of(skipped(huge)), frames.skipped);
    }

    @Test
    void theShownStartIsHeldWhenItArrivesInPieces() {
        byte[] longFrame = SeedFramer.say(Bytes.pattern(100));

        framer.decode(ByteBuffer.wrap(longFrame, 0, 9), frames);
        assertEquals(9, framer.bufferedBytes());
        assertEquals(0, framer.bytesToSkip());
        framer.decode(ByteBuffer.wrap(longFrame, 9, 2), frames);

        assertEquals(List.of(skipped(longFrame)), frames.skipped);
        assertEquals(0, framer.bufferedBytes());
        assertEquals(longFrame.length - 11, framer.bytesToSkip());
    }

    @Test
    void theHeaderIsShownEvenWhenFewerBytesWereAskedFor() {
        framer.skipFramesLongerThan(LIMIT, 0);
        byte[] longFrame = SeedFramer.say(Bytes.pattern(100));

        framer.decode(ByteBuffer.wrap(longFrame), frames);

        assertEquals(List.of(KindRecorder.skip(1, Arrays.copyOf(longFrame, 8), longFrame.length, LIMIT)), frames.skipped);
    }

    @Test
    void theDefaultSinkThrowsTheTooLongErrorAndTheFramerGoesOn() {
        FrameSink<SeedFramer.Message> plain = frame -> frames.frames.add(frame.toString());
        byte[] longFrame = SeedFramer.say(Bytes.pattern(100));

        var e = assertThrows(FrameTooLongException.class, () -> framer.decode(ByteBuffer.wrap(longFrame), plain));

        assertEquals(longFrame.length, e.declaredLength().getAsLong());
        assertEquals(LIMIT, e.limit());
        assertFalse(framer.hasFailed(), "a skipped frame leaves the framer in its place");
        assertEquals(longFrame.length - SHOWN, framer.bytesToSkip());
        framer.decode(ByteBuffer.wrap(Bytes.concat(Arrays.copyOfRange(longFrame, SHOWN, longFrame.length),
                SeedFramer.say("next"))), plain);
        assertEquals(List.of("Say[text=next]"), frames.frames);
    }

    @Test
    void aSkippedFrameStillNeedsAKnownTag() {
        byte[] unknown = SeedFramer.frame(7, new byte[100]);

        var e = assertThrows(CorruptFrameException.class, () -> framer.decode(ByteBuffer.wrap(unknown), frames));

        assertEquals("Seed: unknown tag 0x7", e.getMessage());
        assertTrue(framer.hasFailed());
        assertEquals(List.of(), frames.skipped);
    }

    @Test
    void rejectsBoundsThatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> framer.skipFramesLongerThan(10, 11));
        assertThrows(IllegalArgumentException.class, () -> framer.skipFramesLongerThan(100_001, 10));
        assertThrows(IllegalArgumentException.class, () -> framer.skipFramesLongerThan(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> framer.skipFramesLongerThan(10, -1));
    }
}
