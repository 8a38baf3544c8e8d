package dev.twine.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
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
        ByteBuffer chunk;
        while ((chunk = chunks.pollFirst()) != null) {
            pool.give(chunk);
        }
        size = 0;
    }

    private ByteBuffer tailWithRoom() {
        ByteBuffer tail = chunks.peekLast();
        if (tail == null || tail.limit() == tail.capacity()) {
            tail = pool.take();
            chunks.addLast(tail);
        }
        return tail;
    }
}
