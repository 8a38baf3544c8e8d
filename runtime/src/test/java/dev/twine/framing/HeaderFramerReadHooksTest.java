package dev.twine.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HeaderFramer#lengthAt} and {@link HeaderFramer#rawTagAt}, which a generated framer
 * overrides with reads of its fields' fixed widths: what the overrides are given, and that the
 * framer checks what they return exactly as it checks its own reads.
 */
class HeaderFramerReadHooksTest {

    /** The seed framer with the reads a generated one would have, recording the order it was given. */
    static final class FixedReads extends SeedFramer {
        final List<ByteOrder> orders = new ArrayList<>();
        /** What the length field says instead, when not null. */
        Long lengthOverride;
        /** Whether read() leaves each frame little-endian, as a careless hand-written one might. */
        boolean turnsFramesLittleEndian;

        @Override
        protected Message read(int kind, ByteBuffer frame) {
            final Message message = super.read(kind, frame);
            if (turnsFramesLittleEndian) {
                frame.order(ByteOrder.LITTLE_ENDIAN);
            }
            return message;
        }

        @Override
        protected long lengthAt(ByteBuffer frame, int start) {
            orders.add(frame.order());
            return lengthOverride != null ? lengthOverride : Integer.toUnsignedLong(frame.getInt(start));
        }

        @Override
        protected long rawTagAt(ByteBuffer frame, int start) {
            orders.add(frame.order());
            return Integer.toUnsignedLong(frame.getInt(start + 4));
        }
    }

    private static final byte[] STREAM = Bytes.concat(SeedFramer.say("hi"), SeedFramer.frame(0),
            SeedFramer.say(Bytes.pattern(50)), SeedFramer.say("end"));

    private final FixedReads framer = new FixedReads();
    private final KindRecorder<SeedFramer.Message> frames = new KindRecorder<>();

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void theReadsAreGivenBigEndianHeadersInPlaceOrHeldWhateverTheInputsOrder(Reads chunking) {
        assertEveryHeaderIsReadBigEndian(chunking);
    }

    @ParameterizedTest
    @MethodSource("dev.twine.framing.Reads#all")
    void aReadThatChangesItsFramesOrderDoesNotChangeTheNextHeaders(Reads chunking) {
        framer.turnsFramesLittleEndian = true;

        assertEveryHeaderIsReadBigEndian(chunking);
    }

    private void assertEveryHeaderIsReadBigEndian(Reads chunking) {
        for (ByteBuffer read : chunking.cut(STREAM)) {
            read.order(ByteOrder.LITTLE_ENDIAN);
            framer.decode(read, frames);
            assertEquals(ByteOrder.LITTLE_ENDIAN, read.order(), "the caller's order is restored");
        }

        assertEquals(List.of("1:Say[text=hi]", "0:Type0[]", "1:Say[text=" + Bytes.pattern(50) + "]",
                "1:Say[text=end]"), frames.frames);
        assertEquals(8, framer.orders.size(), "a length and a tag for each of the 4 frames");
        assertTrue(framer.orders.stream().allMatch(ByteOrder.BIG_ENDIAN::equals), framer.orders.toString());
    }

    @Test
    void theInputsOrderIsRestoredWhenTheFramerThrows() {
        ByteBuffer in = ByteBuffer.wrap(SeedFramer.frame(7)).order(ByteOrder.LITTLE_ENDIAN);

        assertThrows(CorruptFrameException.class, () -> framer.decode(in, frames));

        assertEquals(ByteOrder.LITTLE_ENDIAN, in.order());
    }

    @Test
    void anOverriddenLengthIsCheckedAsTheFramersOwnReadIs() {
        framer.lengthOverride = 100_000L - 4 + 1; // after the 4-byte length field
        var tooLong = assertThrows(FrameTooLongException.class,
                () -> framer.decode(ByteBuffer.wrap(SeedFramer.frame(0)), frames));
        assertEquals(100_001, tooLong.declaredLength().getAsLong());

        var unsigned = new FixedReads();
        unsigned.lengthOverride = -1L; // 2^64 - 1, which the length field's end pushes past 2^64
        var wrapped = assertThrows(FrameTooLongException.class,
                () -> unsigned.decode(ByteBuffer.wrap(SeedFramer.frame(0)), frames));
        assertEquals(-1L, wrapped.declaredLength().getAsLong(), "past 2^64 - 1, not wrapped to 7");
    }

    @Test
    void anOverriddenTagIsCheckedAsTheFramersOwnReadIs() {
        var e = assertThrows(CorruptFrameException.class,
                () -> framer.decode(ByteBuffer.wrap(SeedFramer.frame(0x7F00_0000)), frames));

        assertEquals("Seed: unknown tag 0x7f000000", e.getMessage());
    }
}
