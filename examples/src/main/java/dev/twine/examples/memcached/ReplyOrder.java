package dev.twine.examples.memcached;

import dev.twine.server.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The replies of one connection, written in request order although some are answered by other
 * reactors, later, and in any order. memcached answers a connection's requests in the order they
 * came, and clients count on it: a binary client settles its quiet requests by the first later
 * answer, a text client reads answers in sequence with nothing to match them by.
 *
 * <p>While no request waits for another reactor, a reply goes straight to the transport. A request
 * sent to another reactor {@linkplain #reserve reserves} a slot in the queue; every reply made after
 * it, for later requests, is held behind it, and its own reply is written into the slot when the
 * answer comes back ({@link #fill}). Whenever the oldest slot is answered, it and the answered slots
 * after it go out, oldest first:
 *
 * <pre>
 *  requests:  get a (here)   get b (reactor 2)   get c (reactor 3)   get d (here)
 *  replies:   written now    slot 1 reserved     slot 2 reserved     held behind slot 2
 *  reactor 3 answers:        slot 1 waiting      slot 2 filled       (nothing written yet)
 *  reactor 2 answers:        slot 1 filled  --&gt;  slot 1, slot 2, d's reply written, in order
 * </pre>
 *
 * Closing is a reply too: a close asked for behind a waiting slot happens once everything before
 * it is written, and the connection {@linkplain Connection#stopReading() stops reading} meanwhile,
 * so no later request is read. That is also how a connection whose framer failed is answered up to
 * the bad request and then closed: the handler's framing-error hook asks for the close here, and
 * the stopped reading tells the table not to abort.
 *
 * <p>A connection cannot make the server hold without bound what it has not yet written: past
 * {@value #MOST_UNANSWERED} unanswered slots, or {@value #MOST_HELD_BYTES} held bytes, its reading
 * pauses until no more than half are left — the transport's watermarks, for replies not yet in the
 * transport. Reactor thread only: the one that serves the connection.
 */
final class ReplyOrder {

    /** Slots waiting for their answers, past which the connection stops reading. */
    static final int MOST_UNANSWERED = 256;

    /** Bytes held behind a waiting slot, past which the connection stops reading. */
    static final int MOST_HELD_BYTES = 1 << 20;

    /** While a slot at the head of the queue is filled: its reply goes straight out. */
    private static final Slot THROUGH = new Slot();

    /** The replies of one request, or of several requests in a row, waiting for their turn. */
    static final class Slot {
        private final ArrayList<byte[]> replies = new ArrayList<>(2);
        private boolean answered;
        private boolean closeAfter;
    }

    /** Replies not yet written, oldest first; empty while replies go straight to the transport. */
    private final ArrayDeque<Slot> held = new ArrayDeque<>();
    /** The slot an answer is being written into, {@link #THROUGH}, or null outside {@link #fill}. */
    private Slot filling;
    private int unanswered;
    private long heldBytes;
    /** Reading is paused by this order, for its limits. */
    private boolean paused;

    /** Whether a reply written now goes straight to the transport, held behind nothing. */
    boolean writesThrough() {
        return filling == null ? held.isEmpty() : filling == THROUGH;
    }

    /** Writes {@code reply} after every reply before it, now or once they have gone out. */
    void write(Connection<?> connection, byte[] reply) {
        Slot target = target();
        if (target == null) {
            connection.write(reply);
            return;
        }
        target.replies.add(reply);
        heldBytes += reply.length;
        if (heldBytes >= MOST_HELD_BYTES) {
            pause(connection);
        }
    }

    /** Closes the connection after every reply before this point: now, or once they have gone out. */
    void close(Connection<?> connection) {
        Slot target = target();
        if (target == null) {
            connection.close();
            return;
        }
        target.closeAfter = true;
        connection.stopReading();
    }

    /**
     * A place for the reply to a request answered elsewhere: what is written after this call waits
     * until the slot is {@linkplain #fill filled}.
     */
    Slot reserve(Connection<?> connection) {
        if (filling != null) {
            throw new IllegalStateException("an answer's reply cannot wait for another answer");
        }
        Slot slot = new Slot();
        held.addLast(slot);
        if (++unanswered >= MOST_UNANSWERED) {
            pause(connection);
        }
        return slot;
    }

    /**
     * The answer for {@code slot} has come: {@code reply} runs now, and what it writes (or closes)
     * takes the slot's place in the order; then every reply no longer waiting goes out.
     */
    void fill(Connection<?> connection, Slot slot, Runnable reply) {
        unanswered--;
        slot.answered = true;
        if (!connection.isOpen()) {
            return; // closed while the answer was on its way: nobody to write it to
        }
        boolean first = held.peekFirst() == slot;
        if (first) {
            held.removeFirst();
        }
        filling = first ? THROUGH : slot;
        try {
            reply.run();
        } finally {
            filling = null;
        }
        flush(connection);
    }

    /** Where a reply made now goes: null for straight out, else the slot it waits in. */
    private Slot target() {
        if (filling != null) {
            return filling == THROUGH ? null : filling;
        }
        Slot last = held.peekLast();
        if (last == null || last.answered) {
            return last;
        }
        Slot behind = new Slot();
        behind.answered = true;
        held.addLast(behind);
        return behind;
    }

    /** Writes the answered slots at the head of the queue, and reads again once below the limits. */
    private void flush(Connection<?> connection) {
        while (!held.isEmpty() && held.peekFirst().answered) {
            Slot slot = held.removeFirst();
            for (byte[] reply : slot.replies) {
                connection.write(reply);
                heldBytes -= reply.length;
            }
            if (slot.closeAfter) {
                held.clear();
                connection.close();
                return;
            }
        }
        if (paused && !connection.isReadingStopped() && unanswered <= MOST_UNANSWERED / 2 && heldBytes <= MOST_HELD_BYTES / 2) {
            paused = false;
            connection.resumeReading();
        }
    }

    private void pause(Connection<?> connection) {
        if (!paused) {
            paused = true;
            connection.pauseReading();
        }
    }
}
