package dev.twine.examples.memcached;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.runtime.CloseReason;
import dev.twine.server.Connection;
import dev.twine.server.Connections;
import dev.twine.testing.RecordingTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reorder buffer on its own: replies written now, slots reserved for answers from elsewhere and
 * filled in every possible order, a close that waits its turn, and the limits that stop a
 * connection's reading while too much waits.
 */
class ReplyOrderTest {

    private final RecordingTransport transport = new RecordingTransport();
    private final Connection<Session> connection = connect(transport);
    private final ReplyOrder order = connection.state().replies;

    /** A connection in a table, on {@code transport}, whose frames nobody reads. */
    private static Connection<Session> connect(RecordingTransport transport) {
        Connections<Session> table = new Connections<>();
        table.serve(FirstBytePeek::new, Session::new, (connection, frame) -> {}).newProtocol().onConnect(transport);
        return table.iterator().next();
    }

    private void write(String reply) {
        order.write(connection, reply.getBytes(US_ASCII));
    }

    private void fill(ReplyOrder.Slot slot, String reply) {
        order.fill(connection, slot, () -> write(reply));
    }

    @Test
    void withNothingWaitingRepliesGoStraightOut() {
        assertTrue(order.writesThrough());
        write("a");
        write("b");

        assertEquals("ab", transport.takeWrittenString());
    }

    @Test
    void repliesAfterAReservedSlotWaitForItsAnswerThenFollowIt() {
        write("a");
        ReplyOrder.Slot slot = order.reserve(connection);
        write("c");
        assertFalse(order.writesThrough());
        assertEquals("a", transport.takeWrittenString());

        fill(slot, "b");

        assertEquals("bc", transport.takeWrittenString());
        assertTrue(order.writesThrough(), "nothing waits any more");
    }

    /**
     * Four slots with replies written between them, filled in each of the 24 orders: after every
     * answer exactly the replies before the first unanswered slot have gone out, in request order.
     */
    @Test
    void slotsAnsweredInAnyOrderGoOutInRequestOrder() {
        for (List<Integer> fillOrder : permutations(List.of(0, 1, 2, 3))) {
            RecordingTransport wire = new RecordingTransport();
            Connection<Session> conn = connect(wire);
            ReplyOrder replies = conn.state().replies;
            // Request order: a, slot 0, b, slot 1, slot 2, c, slot 3, d.
            List<String> expected = List.of("a", "S0", "b", "S1", "S2", "c", "S3", "d");
            ReplyOrder.Slot[] slots = new ReplyOrder.Slot[4];
            replies.write(conn, bytes("a"));
            slots[0] = replies.reserve(conn);
            replies.write(conn, bytes("b"));
            slots[1] = replies.reserve(conn);
            slots[2] = replies.reserve(conn);
            replies.write(conn, bytes("c"));
            slots[3] = replies.reserve(conn);
            replies.write(conn, bytes("d"));
            assertEquals("a", wire.takeWrittenString());

            boolean[] answered = new boolean[4];
            StringBuilder out = new StringBuilder("a");
            for (int slot : fillOrder) {
                replies.fill(conn, slots[slot], () -> replies.write(conn, bytes("S" + slot)));
                answered[slot] = true;
                out.append(wire.takeWrittenString());
                assertEquals(prefixBeforeFirstUnanswered(expected, answered), out.toString(), "filling in order " + fillOrder);
            }
            assertTrue(replies.writesThrough());
        }
    }

    /** The expected replies up to the first slot not yet answered. */
    private static String prefixBeforeFirstUnanswered(List<String> expected, boolean[] answered) {
        StringBuilder prefix = new StringBuilder();
        for (String reply : expected) {
            if (reply.startsWith("S") && !answered[reply.charAt(1) - '0']) {
                break;
            }
            prefix.append(reply);
        }
        return prefix.toString();
    }

    @Test
    void theAnswerOfTheOldestSlotIsWrittenStraightThrough() {
        ReplyOrder.Slot first = order.reserve(connection);
        ReplyOrder.Slot second = order.reserve(connection);
        List<Boolean> through = new ArrayList<>();

        order.fill(connection, second, () -> through.add(order.writesThrough()));
        order.fill(connection, first, () -> through.add(order.writesThrough()));

        assertEquals(List.of(false, true), through);
    }

    @Test
    void aCloseBehindAWaitingSlotWaitsItsTurnAndStopsReadingMeanwhile() {
        ReplyOrder.Slot slot = order.reserve(connection);
        write("bye");
        order.close(connection);

        assertTrue(transport.isOpen());
        assertTrue(transport.isReadingPaused(), "no request after the close may be read");
        assertTrue(connection.isReadingStopped(), "nor after the answers come: the connection is closing");
        fill(slot, "answer ");

        assertEquals("answer bye", transport.takeWrittenString());
        assertEquals(CloseReason.Kind.CLOSED, transport.closeReason().kind());
    }

    @Test
    void aCloseWithNothingWaitingClosesAtOnce() {
        write("bye");
        order.close(connection);

        assertEquals("bye", transport.takeWrittenString());
        assertFalse(transport.isOpen());
        assertFalse(transport.isReadingPaused());
    }

    @Test
    void tooManyUnansweredSlotsStopReadingUntilHalfAreAnswered() {
        List<ReplyOrder.Slot> slots = new ArrayList<>();
        for (int i = 0; i < ReplyOrder.MOST_UNANSWERED - 1; i++) {
            slots.add(order.reserve(connection));
        }
        assertFalse(transport.isReadingPaused());
        slots.add(order.reserve(connection));
        assertTrue(transport.isReadingPaused());

        int half = ReplyOrder.MOST_UNANSWERED / 2;
        for (int i = 0; i < half; i++) {
            assertTrue(transport.isReadingPaused(), "still " + (ReplyOrder.MOST_UNANSWERED - i) + " unanswered");
            fill(slots.get(i), ".");
        }
        assertFalse(transport.isReadingPaused());
        assertEquals(".".repeat(half), transport.takeWrittenString());
    }

    @Test
    void tooManyBytesHeldBehindASlotStopReadingUntilTheyGoOut() {
        ReplyOrder.Slot slot = order.reserve(connection);
        order.write(connection, new byte[ReplyOrder.MOST_HELD_BYTES - 1]);
        assertFalse(transport.isReadingPaused());
        write("x");
        assertTrue(transport.isReadingPaused());

        fill(slot, "");

        assertFalse(transport.isReadingPaused());
        assertEquals(ReplyOrder.MOST_HELD_BYTES, transport.takeWritten().length);
    }

    @Test
    void anAnswerAfterTheConnectionClosedWritesNothing() {
        ReplyOrder.Slot slot = order.reserve(connection);
        transport.abort();

        fill(slot, "late");

        assertEquals("", transport.takeWrittenString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (T first : items) {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>(List.of(first));
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }
}
