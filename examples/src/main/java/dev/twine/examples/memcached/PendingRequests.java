package dev.twine.examples.memcached;

/**
 * The requests of one {@link MemcachedClient} connection still waiting for an answer, keyed by
 * opaque. Opaques are handed out in order, and requests leave only from the oldest end (answers
 * come in order, and every request has the same timeout), so the waiting opaques are always one
 * run {@code [oldest, next)}: a ring of parallel arrays indexed by the opaque's low bits holds
 * them, with no boxing and no per-request allocation. Opaques wrap around through all 2³² ints.
 */
final class PendingRequests {

    private McCallback[] callbacks = new McCallback[64];
    private int[] opcodes = new int[64];
    private long[] deadlines = new long[64];
    private int oldest;
    private int next;

    /** The opaque the next {@link #add} takes. */
    int nextOpaque() {
        return next;
    }

    /** How many requests wait. */
    int size() {
        return next - oldest;
    }

    boolean isEmpty() {
        return next == oldest;
    }

    /** Whether the request with {@code opaque} still waits. */
    boolean contains(int opaque) {
        return Integer.compareUnsigned(opaque - oldest, next - oldest) < 0;
    }

    /** Adds a request with opaque {@link #nextOpaque()}, to answer by {@code deadline} (nanos). */
    void add(McCallback callback, int opcode, long deadline) {
        if (size() == callbacks.length) {
            grow();
        }
        int slot = next & (callbacks.length - 1);
        callbacks[slot] = callback;
        opcodes[slot] = opcode;
        deadlines[slot] = deadline;
        next++;
    }

    int oldestOpaque() {
        return oldest;
    }

    int oldestOpcode() {
        return opcodes[oldest & (callbacks.length - 1)];
    }

    long oldestDeadline() {
        return deadlines[oldest & (callbacks.length - 1)];
    }

    /** Removes the oldest request and returns its callback. */
    McCallback removeOldest() {
        int slot = oldest & (callbacks.length - 1);
        McCallback callback = callbacks[slot];
        callbacks[slot] = null;
        oldest++;
        return callback;
    }

    private void grow() {
        int capacity = callbacks.length * 2;
        McCallback[] movedCallbacks = new McCallback[capacity];
        int[] movedOpcodes = new int[capacity];
        long[] movedDeadlines = new long[capacity];
        for (int opaque = oldest; opaque != next; opaque++) {
            int from = opaque & (callbacks.length - 1);
            int to = opaque & (capacity - 1);
            movedCallbacks[to] = callbacks[from];
            movedOpcodes[to] = opcodes[from];
            movedDeadlines[to] = deadlines[from];
        }
        callbacks = movedCallbacks;
        opcodes = movedOpcodes;
        deadlines = movedDeadlines;
    }
}
