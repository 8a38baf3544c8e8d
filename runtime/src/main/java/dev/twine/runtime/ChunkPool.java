package dev.twine.runtime;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One reactor's supply of direct buffers for outgoing bytes. Connections borrow chunks while they
 * have bytes queued and give them back as the bytes leave, so an idle connection holds no outgoing
 * memory and a busy reactor allocates no new direct memory in steady state. Reactor thread only.
 */
final class ChunkPool {

    static final int CHUNK_SIZE = 16 * 1024;

    /** At most this many idle chunks are kept (1 MiB); more are left to the garbage collector. */
    private static final int MAX_IDLE = 64;

    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();

    /** Scratch array for gathering writes; shared because only one write runs at a time. */
    final ByteBuffer[] gather = new ByteBuffer[64];

    /** An empty chunk in read mode (position 0, limit 0), ready to be appended to. */
    ByteBuffer take() {
        ByteBuffer chunk = idle.pollFirst();
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(CHUNK_SIZE);
        }
        chunk.position(0).limit(0);
        return chunk;
    }

    void give(ByteBuffer chunk) {
        if (idle.size() < MAX_IDLE) {
            idle.addFirst(chunk);
        }
    }
}
