package dev.twine.testing;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How a byte stream is cut into reads: whole, fixed-size, one byte at a time, or at seeded random
 * points. Code that frames a stream must produce the same result however it is cut; a test says so
 * by replaying one input under several chunkings.
 *
 * <pre>{@code
 * for (int size = 1; size <= 16; size++) {
 *     var framer = LengthPrefixed.int32(1024);
 *     var frames = new ArrayList<String>();
 *     Chunking.fixed(size).feed(input, chunk -> framer.decode(chunk, f -> frames.add(text(f))));
 *     assertEquals(expected, frames);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Chunking {

    /** The size of the next read, between 1 and {@code available} (which is at least 1). */
    int next(int available);

    /** Everything available in one read. */
    static Chunking whole() {
        return available -> available;
    }

    /** Reads of {@code size} bytes (the last one may be shorter). */
    static Chunking fixed(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
        }
        return available -> Math.min(size, available);
    }

    /** One byte per read: every boundary in the stream is a read boundary. */
    static Chunking bytewise() {
        return fixed(1);
    }

    /**
     * Reads of random sizes from 1 to {@code maxSize}, from a generator seeded with {@code seed}: the
     * same seed cuts the same stream the same way, so a failure replays exactly.
     */
    static Chunking random(long seed, int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maximum chunk size must be at least 1, got " + maxSize);
        }
        Random random = new Random(seed);
        return available -> 1 + random.nextInt(Math.min(maxSize, available));
    }

    /** Feeds {@code data} to {@code reader} cut this way, each chunk in a buffer of its own. */
    default void feed(byte[] data, Consumer<ByteBuffer> reader) {
        int offset = 0;
        while (offset < data.length) {
            int size = next(data.length - offset);
            reader.accept(ByteBuffer.wrap(data, offset, size).slice());
            offset += size;
        }
    }
}
