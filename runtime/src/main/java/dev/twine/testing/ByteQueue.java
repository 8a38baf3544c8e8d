package dev.twine.testing;

import java.nio.ByteBuffer;

/**
 * Bytes waiting their turn in an in-memory connection, first in first out: what one side wrote and
 * the network has not taken yet, or what arrived and its reader has not read yet.
 */
final class ByteQueue {

    private byte[] bytes = new byte[256];
    private int head;
    private int tail;

    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Appends {@code data}'s remaining bytes, advancing its position to its limit. */
    void append(ByteBuffer data) {
        int length = data.remaining();
        if (bytes.length - tail < length) {
            int size = size();
            byte[] target = size + length <= bytes.length ? bytes : new byte[Math.max(size + length, bytes.length * 2)];
            System.arraycopy(bytes, head, target, 0, size);
            bytes = target;
            head = 0;
            tail = size;
        }
        data.get(bytes, tail, length);
        tail += length;
    }

    /** Puts the first {@code length} bytes into {@code target}, leaving them queued. */
    void copyTo(ByteBuffer target, int length) {
        target.put(bytes, head, length);
    }

    /** Forgets the first {@code length} bytes (all of them, if fewer are queued). */
    void discard(int length) {
        head += Math.min(length, size());
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    void clear() {
        head = 0;
        tail = 0;
        if (bytes.length > 64 * 1024) {
            bytes = new byte[256];
        }
    }
}
