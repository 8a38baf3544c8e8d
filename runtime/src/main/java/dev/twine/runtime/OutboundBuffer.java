package dev.twine.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A connection's queued outgoing bytes: pooled direct chunks, each kept in read mode (position =
 * next unsent byte, limit = end of data), appended to with absolute puts and drained with one
 * gathering write. Bytes are copied once, from the caller's buffer into a chunk; the socket write
 * then takes them straight from direct memory.
 */
final class OutboundBuffer {

    private final ChunkPool pool;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long size;
    /**
     * A writable view of the chunk {@link #claim} last lent room in, made once per chunk rather
     * than once per claim; {@code windowOf} is that chunk.
     */
    private ByteBuffer window;
    private ByteBuffer windowOf;
    /** Where the room {@link #claim} lent starts in {@code windowOf}; -1 when none is lent. */
    private int claimedAt = -1;

    OutboundBuffer(ChunkPool pool) {
        this.pool = pool;
    }

    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void append(ByteBuffer src) {
        int remaining = src.remaining();
        int from = src.position();
        while (remaining > 0) {
            ByteBuffer tail = tailWithRoom();
            int n = Math.min(remaining, tail.capacity() - tail.limit());
            int at = tail.limit();
            tail.limit(at + n); // absolute puts may only reach up to the limit
            tail.put(at, src, from, n);
            from += n;
            remaining -= n;
            size += n;
        }
        src.position(src.limit());
    }

    void append(byte[] src, int offset, int length) {
        while (length > 0) {
            ByteBuffer tail = tailWithRoom();
            int n = Math.min(length, tail.capacity() - tail.limit());
            int at = tail.limit();
            tail.limit(at + n);
            tail.put(at, src, offset, n);
            offset += n;
            length -= n;
            size += n;
        }
    }

    /**
     * Room for {@code length} bytes after the queued ones, in one chunk: a view of it positioned
     * where they go, its limit where they end. Nothing is queued until {@link #commit}. Null when
     * {@code length} is more than a chunk holds.
     */
    ByteBuffer claim(int length) {
        if (length > ChunkPool.CHUNK_SIZE) {
            return null;
        }
        ByteBuffer tail = chunks.peekLast();
        if (tail == null || tail.capacity() - tail.limit() < length) {
            // The old tail's spare room stays unused: a claim must be contiguous.
            tail = pool.take();
            chunks.addLast(tail);
        }
        if (windowOf != tail) {
            window = tail.duplicate();
            windowOf = tail;
        }
        claimedAt = tail.limit();
        // Big-endian as Transport.claim promises, whatever order the last claimer left it in.
        window.order(ByteOrder.BIG_ENDIAN).limit(claimedAt + length).position(claimedAt);
        return window;
    }

    /** Whether {@code buffer} is the view {@link #claim} lends room in. */
    boolean lent(ByteBuffer buffer) {
        return buffer == window;
    }

    /**
     * Queues the bytes put into the room {@link #claim} lent.
     *
     * @throws IllegalStateException if not all of it was filled, or if another write came between
     *     the claim and now
     */
    void commit() {
        if (claimedAt < 0) {
            throw new IllegalStateException("the claim was overtaken by another write; claim again");
        }
        if (window.hasRemaining()) {
            throw new IllegalStateException(window.remaining() + " claimed bytes were not put");
        }
        int length = window.limit() - claimedAt;
        windowOf.limit(claimedAt + length);
        size += length;
        claimedAt = -1;
    }

    /**
     * Writes as much as {@code channel} takes, in one gathering call, and returns the chunks it
     * emptied to the pool.
     *
     * @return bytes written
     */
    long writeTo(GatheringByteChannel channel) throws IOException {
        ByteBuffer[] gather = pool.gather;
        int n = 0;
        for (ByteBuffer chunk : chunks) {
            if (n == gather.length) {
                break;
            }
            gather[n++] = chunk;
        }
        long written;
        try {
            written = n == 1 ? channel.write(gather[0]) : channel.write(gather, 0, n);
        } finally {
            Arrays.fill(gather, 0, n, null);
        }
        size -= written;
        while (!chunks.isEmpty() && !chunks.peekFirst().hasRemaining()) {
            pool.give(chunks.pollFirst());
        }
        return written;
    }

    /** Drops every queued byte. */
    void clear() {
        claimedAt = -1;
        ByteBuffer chunk;
        while ((chunk = chunks.pollFirst()) != null) {
            pool.give(chunk);
        }
        size = 0;
    }

    private ByteBuffer tailWithRoom() {
        claimedAt = -1; // a claim not committed by now never will be: its room is reused
        ByteBuffer tail = chunks.peekLast();
        if (tail == null || tail.limit() == tail.capacity()) {
            tail = pool.take();
            chunks.addLast(tail);
        }
        return tail;
    }
}
