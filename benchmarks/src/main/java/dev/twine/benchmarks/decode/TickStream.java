package dev.twine.benchmarks.decode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The seeded stream of {@link Ticks} frames that every contestant of {@code decode-small},
 * {@code decode-bytewise} and {@code alloc-per-frame} reads: the frames themselves, for checking
 * what a decoder delivered and for constructing the same records without decoding, and their
 * bytes as {@link TicksEncoder} writes them (Netty's hand decode reads the very same bytes).
 */
final class TickStream {

    /** Frames in the stream: one benchmark operation decodes them all. */
    static final int FRAMES = 10_000;

    private final Ticks[] frames;
    private final ByteBuffer bytes;

    private TickStream(Ticks[] frames, ByteBuffer bytes) {
        this.frames = frames;
        this.bytes = bytes;
    }

    /**
     * {@link #FRAMES} frames from a generator seeded with {@code seed}: one in ten a heartbeat,
     * four in ten a quote, half trades with 0 to 97 condition bytes — 16 to 128 bytes a frame, 55
     * on average.
     */
    static TickStream generate(long seed) {
        final Random random = new Random(seed);
        final Ticks[] frames = new Ticks[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = frame(random);
        }
        final TicksEncoder encoder = new TicksEncoder();
        final ByteBuffer bytes = ByteBuffer.allocateDirect(FRAMES * Ticks.MAX_FRAME_LENGTH);
        for (Ticks frame : frames) {
            encoder.encode(frame, bytes);
        }
        return new TickStream(frames, bytes.flip().slice());
    }

    private static Ticks frame(Random random) {
        final int kind = random.nextInt(10);
        if (kind == 0) {
            return new Ticks.Heartbeat((short) random.nextInt(), random.nextLong());
        }
        if (kind < 5) {
            return new Ticks.Quote(random.nextInt(), random.nextLong(), random.nextLong(),
                    random.nextInt(), random.nextInt());
        }
        final byte[] conditions = new byte[random.nextInt(98)];
        random.nextBytes(conditions);
        return new Ticks.Trade(random.nextInt(), random.nextLong(), random.nextInt(), random.nextLong(),
                conditions);
    }

    /** The frames, in stream order; not to be modified. */
    Ticks[] frames() {
        return frames;
    }

    /** The encoded stream, in a direct buffer: a view of its own, positioned at the first byte. */
    ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /**
     * Checks that {@code decoded} is this stream's frames, in order, so that every contestant is
     * known to do the whole decode before it is timed.
     *
     * @throws IllegalStateException naming {@code decoder} and the first frame that differs
     */
    void checkDecoded(String decoder, List<?> decoded) {
        if (decoded.size() != frames.length) {
            throw new IllegalStateException(decoder + " decoded " + decoded.size() + " frames, not "
                    + frames.length);
        }
        for (int i = 0; i < frames.length; i++) {
            if (!same(frames[i], decoded.get(i))) {
                throw new IllegalStateException(decoder + " decoded frame " + i + " as " + decoded.get(i)
                        + ", not " + frames[i]);
            }
        }
    }

    /** Record equality, but with a trade's conditions compared by content rather than identity. */
    private static boolean same(Ticks expected, Object actual) {
        if (expected instanceof Ticks.Trade e && actual instanceof Ticks.Trade a) {
            return e.instrument() == a.instrument() && e.price() == a.price()
                    && e.quantity() == a.quantity() && e.time() == a.time()
                    && Arrays.equals(e.conditions(), a.conditions());
        }
        return expected.equals(actual);
    }
}
