package dev.twine.benchmarks.decode;

import dev.twine.testing.Chunking;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A stream cut into the reads a socket would deliver, at points a {@link Chunking} chooses — so the
 * same seed cuts it the same way for every contestant. The cut points are computed once; walking
 * the reads allocates nothing.
 */
final class Reads {

    private final ByteBuffer stream;
    /** Where each read ends in the stream; read {@code i} starts where read {@code i - 1} ends. */
    private final int[] ends;

    private Reads(ByteBuffer stream, int[] ends) {
        this.stream = stream;
        this.ends = ends;
    }

    /** {@code stream}, from its position to its limit, cut as {@code chunking} says. */
    static Reads cut(ByteBuffer stream, Chunking chunking) {
        final ByteBuffer bytes = stream.slice();
        int[] ends = new int[1024];
        int count = 0;
        for (int offset = 0; offset < bytes.limit(); count++) {
            offset += chunking.next(bytes.limit() - offset);
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, 2 * count);
            }
            ends[count] = offset;
        }
        return new Reads(bytes, Arrays.copyOf(ends, count));
    }

    int count() {
        return ends.length;
    }

    /**
     * Read {@code i}: the stream's own buffer, positioned at the read's first byte and limited to its
     * end. It is the same buffer object for every read, so it is valid only until the next call.
     */
    ByteBuffer get(int i) {
        final int start = i == 0 ? 0 : ends[i - 1];
        return stream.limit(ends[i]).position(start);
    }
}
